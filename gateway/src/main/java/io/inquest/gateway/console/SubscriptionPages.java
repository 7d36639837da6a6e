package io.inquest.gateway.console;

import java.util.Arrays;
import java.util.List;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.inquest.gateway.api.NotificationServiceClient;
import io.inquest.gateway.security.ConsoleCookie;
import io.inquest.gateway.security.RequiresScope;
import io.inquest.gateway.security.Scope;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Who else gets which RCAs: the notification-service's subscription rules, listed, added and removed. */
@Path("/subscriptions")
@RequiresScope(Scope.ADMIN)
@ConsoleCookie
@Produces(MediaType.TEXT_HTML)
public class SubscriptionPages {

    private final NotificationServiceClient notifications;

    public SubscriptionPages(@RestClient NotificationServiceClient notifications) {
        this.notifications = notifications;
    }

    @GET
    public Uni<Response> page() {
        return notifications.subscriptions()
                .flatMap(rules -> Html.ok(ConsoleTemplates.subscriptions(SubscriptionRow.allOf(rules), null)))
                .onFailure().recoverWithItem(e -> Html.troublePage(Trouble.of(e, "notification-service", "subscriptions")));
    }

    /** Adds a rule from the form; the notification-service validates it, and its answer is shown above the list. */
    @POST
    public Uni<Response> add(@FormParam("name") String name, @FormParam("service") String service,
            @FormParam("severities") List<String> severities, @FormParam("addresses") String addresses) {
        ObjectNode rule = JsonNodeFactory.instance.objectNode();
        rule.put("name", name == null ? "" : name.trim());
        if (service != null && !service.isBlank()) {
            rule.put("service", service.trim());
        }
        severities.forEach(rule.putArray("severities")::add);
        Arrays.stream(addresses == null ? new String[0] : addresses.split("[,;\\s]+")).filter(a -> !a.isBlank())
                .forEach(rule.putArray("addresses")::add);
        return notifications.subscribe(rule).flatMap(saved -> list(201, null))
                .onFailure().recoverWithUni(e -> {
                    Trouble trouble = Trouble.of(e, "notification-service", "subscription");
                    return list(trouble.status(), trouble.detail());
                });
    }

    @POST
    @Path("/{id: \\d+}/remove")
    public Uni<Response> remove(@PathParam("id") long id) {
        return notifications.unsubscribe(id).flatMap(done -> list(200, null))
                .onFailure().recoverWithUni(e -> {
                    Trouble trouble = Trouble.of(e, "notification-service", "subscription " + id);
                    return list(trouble.status(), trouble.detail());
                });
    }

    private Uni<Response> list(int status, String trouble) {
        return notifications.subscriptions()
                .flatMap(rules -> Html.status(status, ConsoleTemplates.subscriptions$list(SubscriptionRow.allOf(rules), trouble)))
                .onFailure().recoverWithItem(e -> Html.trouble(Trouble.of(e, "notification-service", "subscriptions")));
    }
}
