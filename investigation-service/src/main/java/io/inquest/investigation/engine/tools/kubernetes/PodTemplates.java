package io.inquest.investigation.engine.tools.kubernetes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Volume;

/** Reads a pod template the way an operator compares two revisions: images, resources, env, probes, volumes. */
final class PodTemplates {

    private static final int MAX_VALUE = 60;

    private PodTemplates() {
    }

    static List<Container> containers(PodTemplateSpec template) {
        return template == null ? List.of() : containers(template.getSpec());
    }

    static List<Container> containers(PodSpec spec) {
        return spec == null || spec.getContainers() == null ? List.of() : spec.getContainers();
    }

    /** Every container's image, ", "-separated, in spec order. */
    static String images(PodTemplateSpec template) {
        return String.join(", ", containers(template).stream().map(Container::getImage).filter(Objects::nonNull).toList());
    }

    /**
     * A probe as {@code httpGet :8080/health initialDelaySeconds=10 periodSeconds=5 timeoutSeconds=1
     * failureThreshold=3}, with Kubernetes' defaults where the spec leaves a field out.
     */
    static String probe(Probe probe) {
        if (probe == null) {
            return null;
        }
        String how;
        if (probe.getHttpGet() != null) {
            var get = probe.getHttpGet();
            boolean https = "HTTPS".equalsIgnoreCase(get.getScheme());
            how = "httpGet " + (https ? "https " : "") + ":" + port(get.getPort()) + (get.getPath() == null ? "/" : get.getPath());
        } else if (probe.getTcpSocket() != null) {
            how = "tcpSocket :" + port(probe.getTcpSocket().getPort());
        } else if (probe.getGrpc() != null) {
            how = "grpc :" + probe.getGrpc().getPort();
        } else if (probe.getExec() != null && probe.getExec().getCommand() != null) {
            how = "exec " + String.join(" ", probe.getExec().getCommand());
        } else {
            how = "probe";
        }
        return how + " initialDelaySeconds=" + orDefault(probe.getInitialDelaySeconds(), 0)
                + " periodSeconds=" + orDefault(probe.getPeriodSeconds(), 10)
                + " timeoutSeconds=" + orDefault(probe.getTimeoutSeconds(), 1)
                + " failureThreshold=" + orDefault(probe.getFailureThreshold(), 3);
    }

    /** Env vars taken from Secrets and ConfigMaps: {@code DB_PASSWORD from secret/db-credentials key password}. */
    /**
     * The JVM's memory options a container starts with ({@code -Xmx2g}, {@code -XX:MaxRAMPercentage=75}),
     * from the env vars the JVM reads and from its command and arguments; null when there are none.
     */
    static String jvmOptions(Container container) {
        List<String> found = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
            if (env.getValue() != null) {
                texts.add(env.getValue());
            }
        }
        if (container.getCommand() != null) {
            texts.addAll(container.getCommand());
        }
        if (container.getArgs() != null) {
            texts.addAll(container.getArgs());
        }
        java.util.regex.Matcher m = JVM_MEMORY.matcher(String.join(" ", texts));
        while (m.find()) {
            if (!found.contains(m.group())) {
                found.add(m.group());
            }
        }
        return found.isEmpty() ? null : String.join(" ", found);
    }

    private static final java.util.regex.Pattern JVM_MEMORY = java.util.regex.Pattern.compile(
            "-Xmx\\d+[kKmMgG]?|-Xms\\d+[kKmMgG]?|-XX:(?:MaxRAMPercentage|InitialRAMPercentage|MaxRAM|MaxMetaspaceSize)=\\S+");

    static String referencedEnv(Container container) {
        List<String> refs = new ArrayList<>();
        for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
            source(env).filter(s -> !s.startsWith("=")).ifPresent(s -> refs.add(env.getName() + " " + s));
        }
        for (EnvFromSource from : container.getEnvFrom() == null ? List.<EnvFromSource>of() : container.getEnvFrom()) {
            if (from.getSecretRef() != null) {
                refs.add("all from secret/" + from.getSecretRef().getName() + optional(from.getSecretRef().getOptional()));
            } else if (from.getConfigMapRef() != null) {
                refs.add("all from configmap/" + from.getConfigMapRef().getName() + optional(from.getConfigMapRef().getOptional()));
            }
        }
        return refs.isEmpty() ? null : String.join(", ", refs);
    }

    /**
     * What changed from one pod template to the next, e.g. {@code image shop/cart:1.4.2 ->
     * shop/cart:1.4.3; memory limit 512Mi -> 256Mi}; containers are named when there are several.
     */
    static String diff(PodTemplateSpec before, PodTemplateSpec after) {
        List<String> changes = new ArrayList<>();
        Map<String, Container> old = byName(containers(before));
        Map<String, Container> now = byName(containers(after));
        boolean several = old.size() > 1 || now.size() > 1;
        for (var entry : now.entrySet()) {
            String prefix = several ? "container " + entry.getKey() + ": " : "";
            Container was = old.get(entry.getKey());
            if (was == null) {
                changes.add("container " + entry.getKey() + " added (" + entry.getValue().getImage() + ")");
                continue;
            }
            Container is = entry.getValue();
            compare(changes, prefix + "image", was.getImage(), is.getImage());
            compare(changes, prefix + "memory limit", Quantities.text(Quantities.limit(was, "memory")),
                    Quantities.text(Quantities.limit(is, "memory")));
            compare(changes, prefix + "memory request", Quantities.text(Quantities.request(was, "memory")),
                    Quantities.text(Quantities.request(is, "memory")));
            compare(changes, prefix + "cpu limit", Quantities.text(Quantities.limit(was, "cpu")), Quantities.text(Quantities.limit(is, "cpu")));
            compare(changes, prefix + "cpu request", Quantities.text(Quantities.request(was, "cpu")),
                    Quantities.text(Quantities.request(is, "cpu")));
            compare(changes, prefix + "command", joined(was.getCommand()), joined(is.getCommand()));
            compare(changes, prefix + "args", joined(was.getArgs()), joined(is.getArgs()));
            compare(changes, prefix + "liveness probe", probe(was.getLivenessProbe()), probe(is.getLivenessProbe()));
            compare(changes, prefix + "readiness probe", probe(was.getReadinessProbe()), probe(is.getReadinessProbe()));
            compare(changes, prefix + "startup probe", probe(was.getStartupProbe()), probe(is.getStartupProbe()));
            envDiff(changes, prefix, was, is);
        }
        for (String name : old.keySet()) {
            if (!now.containsKey(name)) {
                changes.add("container " + name + " removed");
            }
        }
        Map<String, String> oldVolumes = volumes(before);
        Map<String, String> newVolumes = volumes(after);
        for (var entry : newVolumes.entrySet()) {
            compare(changes, "volume " + entry.getKey(), oldVolumes.get(entry.getKey()), entry.getValue());
        }
        for (String name : oldVolumes.keySet()) {
            if (!newVolumes.containsKey(name)) {
                changes.add("volume " + name + " removed");
            }
        }
        Map<String, String> oldAnnotations = annotations(before);
        for (var entry : annotations(after).entrySet()) {
            compare(changes, "annotation " + entry.getKey(), oldAnnotations.get(entry.getKey()), entry.getValue());
        }
        return String.join("; ", changes);
    }

    private static void envDiff(List<String> changes, String prefix, Container was, Container is) {
        Map<String, String> old = env(was);
        Map<String, String> now = env(is);
        for (var entry : now.entrySet()) {
            String before = old.get(entry.getKey());
            if (before == null) {
                changes.add(prefix + "env " + entry.getKey() + " added" + shown(entry.getValue()));
            } else if (!before.equals(entry.getValue())) {
                changes.add(prefix + "env " + entry.getKey() + " " + value(before) + " -> " + value(entry.getValue()));
            }
        }
        for (String name : old.keySet()) {
            if (!now.containsKey(name)) {
                changes.add(prefix + "env " + name + " removed");
            }
        }
    }

    /** Plain values as "=value", references as "from secret/x key y". */
    private static Map<String, String> env(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
            env.put(var.getName(), source(var).orElse("="));
        }
        return env;
    }

    private static Optional<String> source(EnvVar env) {
        if (env.getValueFrom() == null) {
            return Optional.of("=" + (env.getValue() == null ? "" : env.getValue()));
        }
        var from = env.getValueFrom();
        if (from.getSecretKeyRef() != null) {
            return Optional.of("from secret/" + from.getSecretKeyRef().getName() + " key " + from.getSecretKeyRef().getKey()
                    + optional(from.getSecretKeyRef().getOptional()));
        }
        if (from.getConfigMapKeyRef() != null) {
            return Optional.of("from configmap/" + from.getConfigMapKeyRef().getName() + " key " + from.getConfigMapKeyRef().getKey()
                    + optional(from.getConfigMapKeyRef().getOptional()));
        }
        if (from.getFieldRef() != null) {
            return Optional.of("=fieldRef " + from.getFieldRef().getFieldPath());
        }
        if (from.getResourceFieldRef() != null) {
            return Optional.of("=resourceFieldRef " + from.getResourceFieldRef().getResource());
        }
        return Optional.empty();
    }

    private static String shown(String source) {
        return source.startsWith("=") ? "=" + value(source) : " " + source;
    }

    private static String value(String source) {
        String v = source.startsWith("=") ? source.substring(1) : source;
        return v.length() > MAX_VALUE ? v.substring(0, MAX_VALUE) + "…" : v;
    }

    private static Map<String, String> volumes(PodTemplateSpec template) {
        Map<String, String> volumes = new LinkedHashMap<>();
        if (template == null || template.getSpec() == null || template.getSpec().getVolumes() == null) {
            return volumes;
        }
        for (Volume v : template.getSpec().getVolumes()) {
            String source = v.getConfigMap() != null ? "configmap/" + v.getConfigMap().getName()
                    : v.getSecret() != null ? "secret/" + v.getSecret().getSecretName()
                    : v.getPersistentVolumeClaim() != null ? "pvc/" + v.getPersistentVolumeClaim().getClaimName()
                    : v.getEmptyDir() != null ? "emptyDir" : "other";
            volumes.put(v.getName(), source);
        }
        return volumes;
    }

    private static Map<String, String> annotations(PodTemplateSpec template) {
        if (template == null || template.getMetadata() == null || template.getMetadata().getAnnotations() == null) {
            return Map.of();
        }
        return template.getMetadata().getAnnotations();
    }

    private static void compare(List<String> changes, String what, String before, String after) {
        if (!Objects.equals(before, after)) {
            changes.add(what + " " + (before == null ? "none" : before) + " -> " + (after == null ? "none" : after));
        }
    }

    private static Map<String, Container> byName(List<Container> containers) {
        Map<String, Container> map = new LinkedHashMap<>();
        containers.forEach(c -> map.put(c.getName(), c));
        return map;
    }

    private static String joined(List<String> parts) {
        return parts == null || parts.isEmpty() ? null : "[" + String.join(" ", parts) + "]";
    }

    private static String port(IntOrString port) {
        if (port == null) {
            return "";
        }
        return port.getIntVal() != null ? String.valueOf(port.getIntVal()) : port.getStrVal();
    }

    private static String optional(Boolean optional) {
        return Boolean.TRUE.equals(optional) ? " (optional)" : "";
    }

    private static int orDefault(Integer value, int otherwise) {
        return value == null ? otherwise : value;
    }
}
