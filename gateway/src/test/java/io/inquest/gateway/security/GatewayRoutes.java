package io.inquest.gateway.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.inquest.gateway.GatewayConfig;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.PathParam;

/**
 * Every REST route the gateway serves, read from its compiled classes: what a test of access
 * rules walks, so a route added later (a DLQ endpoint, a settings page) is covered without
 * anyone remembering to list it.
 */
final class GatewayRoutes {

    private GatewayRoutes() {
    }

    /** One route and the scope its code declares (on the method, else on its class), if any. */
    record Route(String httpMethod, String path, Method method, Optional<Scope> declaredScope) {

        /** The path with each parameter filled with a value of its type. */
        String examplePath() {
            String path = this.path;
            for (Parameter parameter : method.getParameters()) {
                PathParam param = parameter.getAnnotation(PathParam.class);
                if (param != null) {
                    String value = parameter.getType() == long.class || parameter.getType() == Long.class
                            || parameter.getType() == int.class ? "1" : "inq-0123456789abcdef01234567";
                    path = path.replaceAll("\\{" + param.value() + "(:[^}]*)?}", value);
                }
            }
            return path;
        }

        @Override
        public String toString() {
            return httpMethod + " " + path + " (" + method.getDeclaringClass().getSimpleName() + "." + method.getName() + ")";
        }
    }

    static List<Route> all() {
        List<Route> routes = new ArrayList<>();
        for (Class<?> type : gatewayClasses()) {
            jakarta.ws.rs.Path classPath = type.getAnnotation(jakarta.ws.rs.Path.class);
            // Interfaces with @Path are the REST clients of the internal services, not routes served here.
            if (classPath == null || type.isInterface()) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                Optional<String> httpMethod = Stream.of(method.getAnnotations())
                        .map(a -> a.annotationType().getAnnotation(HttpMethod.class)).filter(m -> m != null)
                        .map(HttpMethod::value).findFirst();
                if (httpMethod.isEmpty()) {
                    continue;
                }
                jakarta.ws.rs.Path methodPath = method.getAnnotation(jakarta.ws.rs.Path.class);
                String path = join(classPath.value(), methodPath == null ? "" : methodPath.value());
                RequiresScope declared = Optional.ofNullable(method.getAnnotation(RequiresScope.class))
                        .orElse(type.getAnnotation(RequiresScope.class));
                routes.add(new Route(httpMethod.get(), path, method, Optional.ofNullable(declared).map(RequiresScope::value)));
            }
        }
        routes.sort(Comparator.comparing(Route::path).thenComparing(Route::httpMethod));
        return routes;
    }

    private static String join(String base, String sub) {
        String joined = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static List<Class<?>> gatewayClasses() {
        try {
            Path root = Path.of(GatewayConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (Stream<Path> files = Files.walk(root.resolve("io/inquest/gateway"))) {
                List<Class<?>> classes = new ArrayList<>();
                for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".")
                            .replaceAll("\\.class$", "");
                    classes.add(Class.forName(name, false, GatewayRoutes.class.getClassLoader()));
                }
                return classes;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
