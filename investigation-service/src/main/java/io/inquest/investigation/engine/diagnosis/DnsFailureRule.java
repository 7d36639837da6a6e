package io.inquest.investigation.engine.diagnosis;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.inquest.events.RootCauseCategory;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Names that do not resolve. One dependency's name answered NXDOMAIN ("no such host") is that
 * dependency failing to exist where the service looks for it; lookups of every name timing out or
 * failing at the cluster's DNS server is the infrastructure.
 */
@ApplicationScoped
public class DnsFailureRule implements DiagnosisRule {

    @Override
    public String family() {
        return "dns-failure";
    }

    @Override
    public Optional<Hypothesis> assess(Case incident) {
        List<Observation> dns = Facts.join(Facts.logs(incident, "dns"), incident.list(Signal.LOG_SIGNATURE,
                o -> o.attr("target") != null && o.attr("target").endsWith(":53")));
        if (dns.isEmpty()) {
            return Optional.empty();
        }
        Optional<Observation> cluster = incident.first(Signal.CLUSTER_DNS, o -> true);
        if (cluster.isPresent() && cluster.get().is("healthy", "false")) {
            return Optional.of(clusterDnsDown(incident, cluster.get(), dns));
        }
        List<String> targets = dns.stream().map(o -> o.attr("target")).filter(Objects::nonNull).distinct().toList();
        boolean serverFailing = dns.stream().anyMatch(o -> Facts.contains(o.attr("sample"), "i/o timeout", "server misbehaving",
                "SERVFAIL", "no servers could be reached", "connection timed out; no servers", "read udp", "EAI_AGAIN"))
                && dns.stream().noneMatch(o -> Facts.contains(o.attr("sample"), "no such host", "NXDOMAIN", "ENOTFOUND",
                        "UnknownHostException", "Name or service not known"));
        // The DNS pods read healthy: the failing names are the dependency's or the configuration's, however they fail.
        boolean clusterDns = cluster.isEmpty() && (serverFailing && targets.size() >= 2
                || Facts.contains(Facts.workload(incident), "coredns", "kube-dns"));
        Observation top = dns.get(0);
        int count = Facts.count(dns);
        String target = targets.isEmpty() ? "a dependency" : String.join(", ", targets.stream().limit(3).toList());
        String cause = clusterDns
                ? "The cluster DNS fails for every name: " + count + " failed lookups (" + target + "), e.g. \""
                        + top.attr("sample") + "\" first " + top.attr("relative", incident.relative(top.at()))
                : Facts.workload(incident) + " cannot resolve its dependency " + target + ": " + count + " DNS failures, e.g. \""
                        + top.attr("sample") + "\" first " + top.attr("relative", incident.relative(top.at()));
        List<String> steps = clusterDns
                ? List.of("Restore the cluster DNS (CoreDNS/kube-dns pods in kube-system, their resources and upstream "
                        + "resolvers); check the kube-dns Service endpoints",
                        "Meanwhile lower the DNS load (ndots, caching) of the noisiest clients")
                : List.of("Make " + target + " resolvable again: check that its Service exists in the namespace the name "
                        + "points at, and that the host name configured in " + Facts.workload(incident) + " is right"
                        + hostSettings(incident),
                        "If a change renamed or removed " + target + ", roll it back or update the name in the configuration");
        // The name's Service, as the configuration names it: missing (deleted, never created) is why it does not resolve.
        List<Observation> missing = incident.list(Signal.DEPENDENCY, o -> o.is("serviceFound", "false")
                && targets.stream().anyMatch(t -> t.toLowerCase().startsWith(o.attr("service") + ".")
                        || t.equalsIgnoreCase(o.attr("service"))));
        if (!clusterDns && !missing.isEmpty()) {
            cause = cause + "; " + missing.get(0).text();
        }
        double confidence = Math.min(0.85, 0.65 + 0.02 * Math.min(count, 10));
        // The cluster DNS read healthy is part of why it is this name, not every name.
        List<Observation> evidence = Facts.join(missing, dns, cluster.stream().toList());
        return Optional.of(new Hypothesis(family(), clusterDns ? RootCauseCategory.INFRASTRUCTURE
                : RootCauseCategory.DEPENDENCY_FAILURE, confidence, cause, evidence, steps, Facts.onset(dns), !clusterDns));
    }

    /** Where the workload's configuration keeps its endpoints' names: " (DB_HOST from configmap/orders key DB_HOST)". */
    private static final java.util.regex.Pattern ENDPOINT_SETTING = java.util.regex.Pattern.compile(
            "(?i)^\\S*(HOST|URL|URI|ADDR|DSN|ENDPOINT|SERVER)\\S* ");

    static String hostSettings(Case incident) {
        List<String> settings = incident.all(Signal.CONTAINER_SPEC).map(o -> o.attr("env")).filter(Objects::nonNull)
                .flatMap(env -> java.util.Arrays.stream(env.split(", "))).filter(e -> ENDPOINT_SETTING.matcher(e).find())
                .distinct().limit(3).toList();
        return settings.isEmpty() ? "" : " (" + String.join(", ", settings) + ")";
    }

    /** The cluster's DNS pods are down: every lookup fails, whichever name. */
    private Hypothesis clusterDnsDown(Case incident, Observation cluster, List<Observation> dns) {
        Observation top = dns.get(0);
        int count = Facts.count(dns);
        String cause = "The cluster DNS is down: " + cluster.text() + ". So " + Facts.workload(incident) + "'s name lookups fail: "
                + count + " failed lookups, e.g. \"" + top.attr("sample") + "\" first " + top.attr("relative", incident.relative(top.at()));
        String service = cluster.attr("service") + (cluster.attr("serviceIP") == null ? "" : " (" + cluster.attr("serviceIP") + ")");
        List<String> steps = new java.util.ArrayList<>();
        steps.add("Restore the cluster DNS pods (" + cluster.attr("pods") + " in " + cluster.attr("namespace") + ")"
                + (cluster.attr("logLine") == null ? ": read their previous logs for why they exit" : ": they exit with \""
                        + cluster.attr("logLine") + "\"; fix what it names (Corefile, upstream resolvers, the node's resolv.conf)")
                + ", then check that Service " + service + " has ready endpoints again");
        steps.add("The failures of " + Facts.workload(incident) + " follow from the DNS outage: no change to it is needed");
        List<Observation> evidence = new java.util.ArrayList<>();
        evidence.add(cluster);
        evidence.addAll(dns);
        return new Hypothesis(family(), RootCauseCategory.INFRASTRUCTURE, 0.9, cause, evidence, steps,
                Facts.onset(evidence), false);
    }

    @Override
    public List<String> ruledOut(Case incident) {
        Optional<Observation> cluster = incident.first(Signal.CLUSTER_DNS, o -> o.is("healthy", "true"));
        if (cluster.isPresent() && !Facts.logs(incident, "dns", "connection_refused", "timeout").isEmpty()) {
            return List.of("not the cluster DNS: " + cluster.get().text());
        }
        if (incident.logsRead() && Facts.logs(incident, "dns").isEmpty() && !incident.list(
                Signal.LOG_PATTERN, o -> true).isEmpty()) {
            return List.of("not DNS: the logs of " + Facts.workload(incident) + " show no failed name lookups");
        }
        return List.of();
    }
}
