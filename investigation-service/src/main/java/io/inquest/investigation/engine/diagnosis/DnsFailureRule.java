package io.inquest.investigation.engine.diagnosis;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.inquest.events.RootCauseCategory;
import io.inquest.investigation.engine.Observation;
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
        List<Observation> dns = Facts.logs(incident, "dns");
        if (dns.isEmpty()) {
            return Optional.empty();
        }
        List<String> targets = dns.stream().map(o -> o.attr("target")).filter(Objects::nonNull).distinct().toList();
        boolean serverFailing = dns.stream().anyMatch(o -> Facts.contains(o.attr("sample"), "i/o timeout", "server misbehaving",
                "SERVFAIL", "no servers could be reached", "connection timed out; no servers", "read udp", "EAI_AGAIN"))
                && dns.stream().noneMatch(o -> Facts.contains(o.attr("sample"), "no such host", "NXDOMAIN", "ENOTFOUND",
                        "UnknownHostException", "Name or service not known"));
        boolean clusterDns = serverFailing && targets.size() >= 2 || Facts.contains(Facts.workload(incident), "coredns", "kube-dns");
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
                        + "points at, and that the host name configured in " + Facts.workload(incident) + " is right",
                        "If a change renamed or removed " + target + ", roll it back or update the name in the configuration");
        double confidence = Math.min(0.85, 0.65 + 0.02 * Math.min(count, 10));
        return Optional.of(new Hypothesis(family(), clusterDns ? RootCauseCategory.INFRASTRUCTURE
                : RootCauseCategory.DEPENDENCY_FAILURE, confidence, cause, dns, steps, Facts.onset(dns), !clusterDns));
    }

    @Override
    public List<String> ruledOut(Case incident) {
        if (incident.logsRead() && Facts.logs(incident, "dns").isEmpty() && !incident.list(
                io.inquest.investigation.engine.Signal.LOG_PATTERN, o -> true).isEmpty()) {
            return List.of("not DNS: the logs of " + Facts.workload(incident) + " show no failed name lookups");
        }
        return List.of();
    }
}
