package io.inquest.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code docker-compose.yml} against the Compose Specification schema, and every image the compose
 * file and the Dockerfile pull pinned to a version tag that {@code deploy/README.md} says where it
 * was checked.
 */
class ComposeFileTest {

    private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)");

    @Test
    void composeFileIsValidAgainstTheComposeSpecification() throws IOException {
        JsonNode compose = DeploymentObjects.tree(DeploymentObjects.ROOT.resolve("docker-compose.yml"));

        assertThat(JsonSchemas.problems(JsonSchemas.composeSpecification(), compose)).isEmpty();
    }

    @Test
    void theSchemaRejectsAnUnknownServiceKeyAndAWronglyTypedValue() throws IOException {
        ObjectNode compose = (ObjectNode) DeploymentObjects.tree(DeploymentObjects.ROOT.resolve("docker-compose.yml"));
        ((ObjectNode) compose.path("services").path("gateway")).put("restart_policy", "always");
        ((ObjectNode) compose.path("services").path("kafka").path("healthcheck")).put("retries", "twelve");

        assertThat(String.join("\n", JsonSchemas.problems(JsonSchemas.composeSpecification(), compose)))
                .contains("restart_policy", "retries");
    }

    @Test
    void everyPulledImageIsPinnedToAVersionAndDocumentedWithWhereItWasChecked() throws IOException {
        List<String> images = new ArrayList<>();
        DeploymentObjects.tree(DeploymentObjects.ROOT.resolve("docker-compose.yml")).path("services").forEach(service -> {
            if (service.path("build").isMissingNode()) {
                images.add(service.path("image").asText());
            }
        });
        Matcher from = FROM.matcher(Files.readString(DeploymentObjects.ROOT.resolve("deploy/docker/Dockerfile.jvm")));
        while (from.find()) {
            images.add(from.group(1));
        }
        String readme = Files.readString(DeploymentObjects.ROOT.resolve("deploy/README.md"));

        assertThat(images).hasSize(6).allSatisfy(image -> {
            String tag = image.substring(image.lastIndexOf(':') + 1);
            assertThat(image).as("pinned with a tag").contains(":");
            assertThat(tag).as("%s: a version tag, not a moving one", image).matches("v?[0-9]+\\.[0-9]+(\\.[0-9]+)?([-_.][a-z0-9.]+)?")
                    .doesNotContain("latest");
            assertThat(readme).as("deploy/README.md records where %s was checked", image).contains("`" + image + "`");
        });
    }
}
