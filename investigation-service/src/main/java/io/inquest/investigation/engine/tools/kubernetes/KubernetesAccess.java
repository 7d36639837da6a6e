package io.inquest.investigation.engine.tools.kubernetes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import org.eclipse.microprofile.config.ConfigProvider;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The cluster as the kubernetes and logs tools read it: whether it is configured, and each API
 * request as a time-limited, non-blocking step. The fabric8 client blocks, so every request runs
 * on a worker thread and its answer comes back on the caller's Vert.x context (the run's database
 * session lives there).
 */
@ApplicationScoped
public class KubernetesAccess {

    private final KubernetesSettings settings;
    private final KubernetesClient client;

    public KubernetesAccess(KubernetesSettings settings, KubernetesClient client) {
        this.settings = settings;
        this.client = client;
    }

    /** Empty when the cluster can be read; otherwise why not. */
    public Optional<String> notConfigured() {
        if (settings.enabled().isPresent()) {
            return settings.enabled().get() ? Optional.empty() : Optional.of("inquest.sources.kubernetes.enabled is false");
        }
        if (System.getenv("KUBERNETES_SERVICE_HOST") != null || kubeconfigExists() || apiServerConfigured()) {
            return Optional.empty();
        }
        return Optional.of("not running in a cluster, no kubeconfig, and quarkus.kubernetes-client.api-server-url is not set");
    }

    public KubernetesSettings settings() {
        return settings;
    }

    /** The namespace to read when the alert names none. */
    public String defaultNamespace() {
        return settings.defaultNamespace().filter(n -> !n.isBlank())
                .orElseGet(() -> Optional.ofNullable(client.getNamespace()).filter(n -> !n.isBlank()).orElse("default"));
    }

    /**
     * One API request: run on a worker, limited to the request timeout, its failure worded with
     * what was asked ("list pods in shop").
     */
    public <T> Uni<T> read(String what, Function<KubernetesClient, T> request) {
        return read(what, settings.requestTimeout(), request);
    }

    /** {@link #read(String, Function)} with a time limit of its own (a container's log takes longer than an object). */
    public <T> Uni<T> read(String what, Duration limit, Function<KubernetesClient, T> request) {
        return Uni.createFrom().deferred(() -> {
            Context caller = Vertx.currentContext();
            Uni<T> answer = Uni.createFrom().item(() -> request.apply(client))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .ifNoItem().after(limit)
                    .failWith(() -> new TimeoutException("the Kubernetes API gave no answer to " + what + " within " + limit.toMillis()
                            + " ms"))
                    .onFailure(KubernetesClientException.class)
                    .transform(failure -> new IllegalStateException("Kubernetes API: " + what + " failed: " + brief(failure), failure));
            return caller == null ? answer : answer.emitOn(task -> caller.runOnContext(ignored -> task.run()));
        });
    }

    /** The status code of a failed API request, or 0 when it did not get one. */
    public static int statusOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException k && k.getCode() > 0) {
                return k.getCode();
            }
        }
        return 0;
    }

    private static String brief(Throwable failure) {
        if (failure instanceof KubernetesClientException k && k.getStatus() != null && k.getStatus().getMessage() != null) {
            return k.getCode() + " " + k.getStatus().getMessage();
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return root == failure ? message : message + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    private static boolean kubeconfigExists() {
        String kubeconfig = System.getenv("KUBECONFIG");
        if (kubeconfig != null && !kubeconfig.isBlank()) {
            return Arrays.stream(kubeconfig.split(java.io.File.pathSeparator)).anyMatch(p -> !p.isBlank() && Files.isRegularFile(Path.of(p)));
        }
        return Files.isRegularFile(Path.of(System.getProperty("user.home"), ".kube", "config"));
    }

    private static boolean apiServerConfigured() {
        // quarkus.kubernetes-client.* is fixed at build time in Quarkus 3.33; set at run time (the
        // environment) it still takes effect in JVM mode, with a warning at start-up.
        var config = ConfigProvider.getConfig();
        return config.getOptionalValue("quarkus.kubernetes-client.api-server-url", String.class).isPresent()
                || config.getOptionalValue("quarkus.kubernetes-client.master-url", String.class).isPresent()
                || config.getOptionalValue("quarkus.kubernetes-client.kubeconfig-file", String.class).isPresent();
    }
}
