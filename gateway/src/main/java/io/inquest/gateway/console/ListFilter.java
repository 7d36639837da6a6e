package io.inquest.gateway.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.inquest.events.RootCauseCategory;

/** What the investigation list is narrowed to, as the page's query string carries it. */
public record ListFilter(String status, String service, String category, String cursor) {

    static final List<String> STATUSES = List.of("queued", "running", "completed", "failed", "cancelled");
    static final List<String> CATEGORIES = java.util.Arrays.stream(RootCauseCategory.values()).map(RootCauseCategory::wireName).toList();

    public ListFilter {
        status = status != null && STATUSES.contains(status) ? status : null;
        service = service == null || service.isBlank() ? null : service.trim();
        category = category != null && CATEGORIES.contains(category) ? category : null;
        cursor = cursor == null || cursor.isBlank() ? null : cursor;
    }

    public List<String> statuses() {
        return STATUSES;
    }

    public List<String> categories() {
        return CATEGORIES;
    }

    /** The query string of this filter on another page of the list ({@code null}: the newest). */
    public String query(String otherCursor) {
        List<String> parts = new ArrayList<>();
        add(parts, "status", status);
        add(parts, "service", service);
        add(parts, "category", category);
        add(parts, "cursor", otherCursor);
        return String.join("&", parts);
    }

    /** The query string of this very page. */
    public String query() {
        return query(cursor);
    }

    public boolean firstPage() {
        return cursor == null;
    }

    private static void add(List<String> parts, String name, String value) {
        if (value != null) {
            parts.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
