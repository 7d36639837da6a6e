package io.inquest.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.inquest.infra.Chromium;

/**
 * The console in a real, headless Chromium (the system one, driven by the system chromedriver),
 * over the whole system. Its Loki never answers, so each investigation runs for the logs tool's
 * time limit: long enough to watch its page fill in, or to cancel it.
 *
 * <p>With {@code -Dinquest.console.screenshots=<dir>} the page of a completed investigation is saved
 * there as {@code console-investigation.png} (the README's picture); it is always saved in
 * {@code target/}.
 */
class ConsoleIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LOGS_TIME_LIMIT = Duration.ofSeconds(8);

    private static SilentServer loki;
    private static Stack stack;
    private static WebDriver browser;

    @BeforeAll
    static void startTheSystemAndABrowser() throws Exception {
        Optional<Chromium> chromium = Chromium.find();
        Assumptions.assumeTrue(chromium.isPresent(), Chromium.missingReason());
        loki = new SilentServer();
        // The lease outlasts the slow tool call, so the run is not taken for abandoned and retried.
        stack = new Stack(Map.of("INQUEST_SOURCES_LOKI_URL", loki.url(),
                "INQUEST_SOURCES_LOGS_TIMEOUT", LOGS_TIME_LIMIT.toSeconds() + "s", "INQUEST_INVESTIGATIONS_LEASE", "60s"));
        // The driver executable is given, so Selenium Manager has nothing to look up or download.
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromium.get().driver().toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(chromium.get().browser().toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=412,915",
                        "--force-device-scale-factor=1");
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopEverything() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
        if (loki != null) {
            loki.close();
        }
    }

    @Test
    void withoutACredentialTheConsoleAsksForOneAndShowsNothing() throws Exception {
        String title = "Unseen alert " + System.nanoTime();
        String id = submit(alert(title));
        browser.manage().deleteAllCookies();

        browser.get(stack.gateway.baseUrl() + "/investigations/" + id);

        assertThat(browser.getCurrentUrl()).as("where the browser lands").contains("/sign-in");
        assertThat(browser.findElements(By.cssSelector("input[type=password][name=token]"))).as("the token field").hasSize(1);
        assertThat(browser.getPageSource()).as("the sign-in page").doesNotContain(title).doesNotContain("checkout")
                .doesNotContain("Subscriptions");
        assertThat(browser.findElements(By.cssSelector("#summary, #timeline, #deliveries"))).as("parts of the investigation page").isEmpty();
        browser.get(stack.gateway.baseUrl() + "/investigations");
        assertThat(browser.getCurrentUrl()).contains("/sign-in");
        assertThat(browser.getPageSource()).doesNotContain(title);
    }

    @Test
    void aWrongTokenIsRefusedOnTheSignInPageWithoutEchoingIt() {
        browser.manage().deleteAllCookies();
        browser.get(stack.gateway.baseUrl() + "/sign-in");
        String wrong = "wrong-token-" + System.nanoTime();
        browser.findElement(By.name("token")).sendKeys(wrong);
        browser.findElement(By.cssSelector("#sign-in button")).click();

        WebElement message = wait(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#sign-in-message .trouble")));
        assertThat(message.getText()).contains("not one this gateway accepts");
        assertThat(browser.getPageSource()).doesNotContain(wrong);
        assertThat(browser.manage().getCookieNamed("inquest_console")).isNull();
    }

    @Test
    void anAlertSentToAWebhookAppearsInTheListWithoutReloading() throws Exception {
        signIn();
        browser.get(stack.gateway.baseUrl() + "/investigations");
        markThisPage();
        String title = "Listed alert " + System.nanoTime();

        String id = submit(alert(title));

        WebElement card = wait(Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("li.card[data-id='" + id + "']")));
        assertThat(card.getText()).contains(title, "checkout");
        assertThat(pageIsTheOneMarked()).as("the list updated in place").isTrue();
    }

    @Test
    void theInvestigationPageFillsInLiveUntilCompleted() throws Exception {
        HttpResponse<String> change = post("/webhooks/changes", Files.readString(Stack.fixture("change-deploy.json")));
        assertThat(change.statusCode()).as(change.body()).isEqualTo(202);
        HttpResponse<String> accepted = post("/webhooks/alertmanager", Files.readString(Stack.fixture("alertmanager-v4.json")));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String id = JSON.readTree(accepted.body()).path("investigations").get(0).path("id").asText();
        awaitStored(id);
        signIn();

        browser.get(stack.gateway.baseUrl() + "/investigations/" + id);
        markThisPage();
        String first = browser.findElement(By.id("status")).getText();

        assertThat(first).as("status when the page opened (the logs tool takes " + LOGS_TIME_LIMIT + ")").isIn("queued", "running");
        wait(Duration.ofSeconds(120)).until(ExpectedConditions.textToBe(By.id("status"), "completed"));
        assertThat(pageIsTheOneMarked()).as("the page filled in without a reload").isTrue();
        assertThat(browser.findElement(By.id("root-cause")).getText()).contains("orders-api 2026.11.01-3");
        assertThat(browser.findElement(By.id("category")).getText()).isEqualTo("change");
        wait(Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("#timeline li.event-completed")).isEmpty());
        assertThat(browser.findElements(By.cssSelector("#timeline li.event-tool-called"))).as("tool calls in the timeline").isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#cancel"))).as("no cancel once completed").isEmpty();
        // The email goes out after completion; the deliveries section follows it.
        wait(Duration.ofSeconds(60)).until(d -> d.findElement(By.id("deliveries")).getText().contains(Stack.DEFAULT_TO)
                && d.findElement(By.id("deliveries")).getText().contains("sent"));
        assertThat(browser.findElement(By.cssSelector("#deliveries .attempts")).getText()).contains("#1");

        saveScreenshot("console-investigation.png");

        browser.get(stack.gateway.baseUrl() + "/investigations?category=change");
        assertThat(browser.findElements(By.cssSelector("li.card[data-id='" + id + "']"))).as("listed under its category").hasSize(1);
        browser.get(stack.gateway.baseUrl() + "/investigations?category=code_defect");
        assertThat(browser.findElements(By.cssSelector("li.card[data-id='" + id + "']"))).as("not under another category").isEmpty();
    }

    @Test
    void cancelStopsARunningInvestigation() throws Exception {
        String id = submit(alert("Cancelled alert " + System.nanoTime()));
        awaitStored(id);
        signIn();
        browser.get(stack.gateway.baseUrl() + "/investigations/" + id);

        WebElement cancel = wait(Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#cancel button")));
        cancel.click();
        wait(Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).accept();

        wait(Duration.ofSeconds(60)).until(ExpectedConditions.textToBe(By.id("status"), "cancelled"));
        assertThat(status(id)).as("what the API says").isEqualTo("cancelled");
    }

    @Test
    void aSubscriptionCanBeAddedAndRemoved() throws Exception {
        String name = "payments-oncall-" + System.nanoTime();
        signIn();
        browser.get(stack.gateway.baseUrl() + "/subscriptions");

        browser.findElement(By.name("name")).sendKeys(name);
        browser.findElement(By.name("service")).sendKeys("payments");
        browser.findElement(By.cssSelector("input[name=severities][value=critical]")).click();
        browser.findElement(By.name("addresses")).sendKeys("payments-oncall@example.com");
        browser.findElement(By.cssSelector("form[hx-post='/subscriptions'] button")).click();

        WebElement card = wait(Duration.ofSeconds(15)).until(d -> d.findElements(By.cssSelector("li.subscription")).stream()
                .filter(c -> c.getText().contains(name)).findFirst().orElse(null));
        assertThat(card.getText()).contains("payments", "critical", "payments-oncall@example.com");
        assertThat(subscriptionNames()).contains(name);

        card.findElement(By.cssSelector("button")).click();
        wait(Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).accept();
        wait(Duration.ofSeconds(15)).until(d -> !d.findElement(By.id("subscriptions")).getText().contains(name));
        assertThat(subscriptionNames()).doesNotContain(name);
    }

    @Test
    void smtpVerifyShowsTheServerInForce() {
        signIn();
        browser.get(stack.gateway.baseUrl() + "/smtp");

        browser.findElement(By.cssSelector("button[hx-post='/smtp/verify']")).click();

        WebElement result = wait(Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#smtp-result .smtp")));
        assertThat(result.getText()).contains("passed", "127.0.0.1:" + stack.mail.port(), "none");
    }

    private static void signIn() {
        browser.manage().deleteAllCookies();
        browser.get(stack.gateway.baseUrl() + "/sign-in");
        browser.findElement(By.name("token")).sendKeys(Stack.TOKEN);
        browser.findElement(By.cssSelector("#sign-in button")).click();
        wait(Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/investigations"));
    }

    /** A mark that lives as long as this document: gone after any reload or navigation. */
    private static void markThisPage() {
        ((JavascriptExecutor) browser).executeScript("window.__inquestTestMark = 'unchanged';");
    }

    private static boolean pageIsTheOneMarked() {
        return "unchanged".equals(((JavascriptExecutor) browser).executeScript("return window.__inquestTestMark;"));
    }

    private static void saveScreenshot(String name) throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        // Raw alert open and the whole page in one picture, at a phone's width.
        js.executeScript("document.querySelectorAll('details').forEach(d => d.open = false);");
        long height = ((Number) js.executeScript("return document.documentElement.scrollHeight;")).longValue();
        browser.manage().window().setSize(new Dimension(412, (int) Math.min(Math.max(height + 40, 915), 6000)));
        Path shot = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", name);
        Files.createDirectories(target.getParent());
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        String dir = System.getProperty("inquest.console.screenshots");
        if (dir != null && !dir.isBlank()) {
            Path published = Path.of(dir).resolve(name);
            Files.createDirectories(published.getParent());
            Files.copy(shot, published, StandardCopyOption.REPLACE_EXISTING);
        }
        browser.manage().window().setSize(new Dimension(412, 915));
    }

    private static WebDriverWait wait(Duration atMost) {
        return new WebDriverWait(browser, atMost, Duration.ofMillis(200));
    }

    private static String alert(String title) throws IOException {
        return Files.readString(Stack.fixture("generic.json")).replace("Checkout latency regression", title);
    }

    private static String submit(String alert) throws IOException, InterruptedException {
        HttpResponse<String> response = post("/webhooks/generic", alert);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body()).path("investigations").get(0).path("id").asText();
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.gateway.baseUrl() + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + Stack.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.gateway.baseUrl() + path))
                .header("Authorization", "Bearer " + Stack.TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The webhook answers once Kafka has the request; the page is there once the investigation-service stored it. */
    private static void awaitStored(String id) {
        await("investigation " + id + " stored").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> HTTP.send(HttpRequest.newBuilder(URI.create(stack.gateway.baseUrl() + "/api/investigations/" + id))
                        .header("Authorization", "Bearer " + Stack.TOKEN).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200);
    }

    private static String status(String id) throws IOException, InterruptedException {
        return getJson("/api/investigations/" + id).path("status").asText();
    }

    private static List<String> subscriptionNames() throws IOException, InterruptedException {
        return getJson("/api/subscriptions").findValuesAsText("name");
    }
}
