package io.inquest.investigation.engine.tools.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Target;

class DatabaseClientsTest {

    @Test
    void theWorkloadsConfiguredForTheDatabaseAreRankedByTheConnectionsTheyMayOpen() {
        List<Pod> pods = List.of(
                pod("shop", "web-7d9f8b6c4-x2k4q", "shop/web:3.1", value("DATABASE_URL", "postgres://web@shop-pg.shop.svc:5432/shop"),
                        value("DB_POOL_SIZE", "10")),
                pod("shop", "web-7d9f8b6c4-b7m2z", "shop/web:3.1", value("DATABASE_URL", "postgres://web@shop-pg.shop.svc:5432/shop"),
                        value("DB_POOL_SIZE", "10")),
                pod("jobs", "ledger-rebuild-29731200-q8w2x", "jobs/ledger:1.0", secret("PG_DSN", "shop-pg-rebuild"), value("WORKERS", "48")),
                pod("shop", "shop-pg-0", "postgres:16.4", value("POSTGRES_DB", "shop")),
                pod("shop", "mailer-6f7d8c9b5-kk2lp", "shop/mailer:2.0", value("SMTP_HOST", "smtp.shop.svc")));

        List<DatabaseClients.Client> clients = DatabaseClients.clients(pods, Set.of("shop-pg"), Set.of());

        assertThat(clients).extracting(DatabaseClients.Client::workload).containsExactly("ledger-rebuild", "web");
        assertThat(clients.get(1).pods()).isEqualTo(2);
        Observation o = DatabaseClients.observe(clients, Set.of("shop-pg")).get(0);
        assertThat(o.attr("top")).isEqualTo("jobs/ledger-rebuild");
        assertThat(o.text()).contains("jobs/ledger-rebuild (1 pod, WORKERS=48; PG_DSN from shop-pg-rebuild; up to 48 connections)",
                "shop/web (2 pods, DB_POOL_SIZE=10; DATABASE_URL=postgres://web@shop-pg.shop.svc:5432/shop; up to 20 connections)");
    }

    @Test
    void theDatabaseUserTheServerLogNamesFindsItsWorkload() {
        List<Pod> pods = List.of(pod("shop", "orders-5c7f9d8b6-tq2nm", "shop/orders:8", value("SPRING_DATASOURCE_USERNAME", "orders_rw")));

        assertThat(DatabaseClients.clients(pods, Set.of(), Set.of("orders_rw"))).extracting(DatabaseClients.Client::workload)
                .containsExactly("orders");
    }

    @Test
    void theAlertingWorkloadsOwnSettingsNameItsDatabase() {
        List<Pod> pods = List.of(pod("id", "accounts-5b9c7f6d48-59mgl", "id/accounts:4",
                value("PGHOST", "users-db.cluster-abc.eu-west-1.rds.amazonaws.com"), value("LOG_LEVEL", "info")));

        assertThat(DatabaseClients.databaseNames(Set.of("billing-db.billing.svc.cluster.local:5432"), pods,
                new Target("id", "accounts", "accounts", null, null, null))).containsExactly("billing-db", "users-db");
    }

    private static Pod pod(String namespace, String name, String image, EnvVar... env) {
        return new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata().withNewSpec().addNewContainer()
                .withName("app").withImage(image).withEnv(env).endContainer().endSpec().withNewStatus().withPhase("Running").endStatus().build();
    }

    private static EnvVar value(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    private static EnvVar secret(String name, String secret) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef().withName(secret).withKey("dsn").endSecretKeyRef()
                .endValueFrom().build();
    }
}
