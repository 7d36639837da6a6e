package io.inquest.gateway.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import org.junit.jupiter.api.Test;

import io.inquest.gateway.Published;
import io.inquest.infra.quarkus.KafkaResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class OperatorSubmissionTest {

    @Test
    void freeTextBecomesAnInvestigationTitledByItsFirstLineWithItsRecipients() {
        String marker = AlertmanagerWebhookTest.unique();
        String id = given().contentType(ContentType.JSON)
                .body("{\"text\":\"Checkout is slow since the 14:00 deploy " + marker + "\\nCustomers see timeouts.\","
                        + "\"service\":\"checkout\",\"notify\":[\"Lead@Example.com\"]}")
                .when().post("/api/investigations")
                .then().statusCode(202).body("investigations", hasSize(1)).extract().path("investigations[0].id");

        assertThat(Published.request(id).value()).contains("\"source\":\"text\"",
                "\"title\":\"Checkout is slow since the 14:00 deploy " + marker + "\"", "\"service\":\"checkout\"",
                "\"recipients\":[\"lead@example.com\"]");
    }

    @Test
    void anAlertCanBeSubmittedInTheGenericShape() {
        String id = given().contentType(ContentType.JSON)
                .body("{\"alert\":{\"title\":\"Disk full " + AlertmanagerWebhookTest.unique() + "\",\"service\":\"db\"}}")
                .when().post("/api/investigations")
                .then().statusCode(202).extract().path("investigations[0].id");
        assertThat(Published.request(id).value()).contains("\"source\":\"generic\"", "\"service\":\"db\"");
    }

    @Test
    void neitherOrBothTextAndAlertOrABadAddressIsRejected() {
        given().contentType(ContentType.JSON).body("{}").when().post("/api/investigations")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"text\":\"x\",\"alert\":{\"title\":\"y\"}}").when().post("/api/investigations")
                .then().statusCode(400);
        given().contentType(ContentType.JSON).body("{\"text\":\"x\",\"notify\":[\"not-an-address\"]}").when().post("/api/investigations")
                .then().statusCode(400).body("errors.field", hasItem("notify[0]"));
    }
}
