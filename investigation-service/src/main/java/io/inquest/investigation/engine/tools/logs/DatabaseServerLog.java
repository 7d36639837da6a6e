package io.inquest.investigation.engine.tools.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.inquest.investigation.engine.Observation;
import io.inquest.investigation.engine.Signal;
import io.inquest.investigation.engine.diagnosis.Relative;

/**
 * What a database server's own log says (PostgreSQL, with the MySQL/MariaDB and Redis
 * equivalents): writes failing for disk space, clients refused for connection slots, standby
 * queries cancelled by recovery conflicts, replication slots holding WAL, checkpoints forced by
 * a write burst, a standby losing its WAL stream. And who the clients are: the users,
 * databases, applications and hosts of the connections the server authorized or refused.
 */
public final class DatabaseServerLog {

    /** A server log signature, tried in this order (the first that matches a line names it). */
    enum Kind {
        DISK_FULL("disk_full", "No space left on device|could not extend file|could not write to file|Disk is full writing"
                + "|Disk full \\(|MISCONF .*(?:save|disk)|Write error saving DB on disk|Can't save in background"),
        TOO_MANY_CONNECTIONS("too_many_connections", "too many clients already|remaining connection slots are reserved"
                + "|too many connections for (?:role|database)|\\bToo many connections\\b|max number of clients reached"),
        RECOVERY_CONFLICT("recovery_conflict", "conflict with recovery|User query might have needed to see row versions"
                + "|Conflicting process|User was holding (?:a relation lock|shared buffer pin)|recovery conflict"),
        REPLICATION_SLOT("replication_slot", "replication slot \"?[\\w.-]+\"?.*(?:inactive|invalidat|exceed|max_slot_wal_keep_size|retain)"
                + "|requested WAL segment \\S+ has already been removed|terminating process \\d+ to release replication slot"
                + "|invalidating (?:obsolete )?replication slot"),
        CHECKPOINTS_TOO_FREQUENT("checkpoints_too_frequent", "checkpoints are occurring too frequently"),
        REPLICATION_STREAM("replication_stream", "could not receive data from WAL stream|terminating walreceiver due to timeout"
                + "|could not connect to the primary server|replication terminated by primary server|terminating walsender process due to"
                + " replication timeout|Error reading packet from server|Slave I/O thread|Connection with master lost|MASTER timeout"),
        ARCHIVE_FAILED("archive_failed", "archive command failed|archiving write-ahead log file .* failed");

        final String wireName;
        final Pattern pattern;

        Kind(String wireName, String regex) {
            this.wireName = wireName;
            this.pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
        }
    }

    /** PostgreSQL's connection authorized line, and the %u@%d of a log_line_prefix before the level. */
    private static final Pattern AUTHORIZED = Pattern.compile("connection authorized: user=(\\S+)(?: database=(\\S+))?(?:.*application_name=(\\S+))?");
    private static final Pattern RECEIVED = Pattern.compile("connection received: host=([\\w.:-]+)");
    private static final Pattern PREFIX_USER = Pattern.compile("(?:^|\\s|\\])([A-Za-z_][\\w.-]*)@([A-Za-z_][\\w.-]*)(?:\\s+\\S+)?\\s+"
            + "(?:LOG|FATAL|ERROR|WARNING|PANIC|DETAIL|STATEMENT):");
    private static final Pattern KEY_VALUE = Pattern.compile("\\b(user|db|database|app|application_name|client|host)=([^\\s,]+)");
    private static final Pattern MYSQL_USER = Pattern.compile("for user '([^']+)'@'([^']+)'");
    private static final int MAX_SAMPLE = 400;

    private DatabaseServerLog() {
    }

    /** The server's signatures and its clients; nothing when no line is a database server's. */
    public static List<Observation> analyse(List<LogLine> lines, Instant alertStart, String scope) {
        Map<Kind, Aggregate> found = new LinkedHashMap<>();
        Map<String, Integer> refusedBy = new HashMap<>();
        Map<String, Integer> authorizedBy = new HashMap<>();
        Map<String, Integer> hosts = new HashMap<>();
        for (LogLine line : lines) {
            String text = line.text();
            Optional<Kind> kind = kind(text);
            kind.ifPresent(k -> found.computeIfAbsent(k, x -> new Aggregate()).add(line));
            String client = client(text);
            if (kind.filter(k -> k == Kind.TOO_MANY_CONNECTIONS).isPresent() && client != null) {
                refusedBy.merge(client, 1, Integer::sum);
            }
            Matcher authorized = AUTHORIZED.matcher(text);
            if (authorized.find()) {
                authorizedBy.merge(describe(authorized.group(1), authorized.group(2), authorized.group(3)), 1, Integer::sum);
            }
            Matcher received = RECEIVED.matcher(text);
            if (received.find()) {
                hosts.merge(received.group(1), 1, Integer::sum);
            }
        }
        List<Observation> observations = new ArrayList<>();
        found.entrySet().stream().sorted(Comparator.comparingInt((Map.Entry<Kind, Aggregate> e) -> e.getValue().count).reversed())
                .forEach(e -> observations.add(signature(e.getKey(), e.getValue(), alertStart, scope)));
        if (!refusedBy.isEmpty() || !authorizedBy.isEmpty() || !hosts.isEmpty()) {
            observations.add(clients(refusedBy, authorizedBy, hosts, scope));
        }
        return observations;
    }

    /** The database users the server's lines name (log_line_prefix's %u, connection authorized). */
    static Set<String> users(List<LogLine> lines) {
        Set<String> users = new java.util.LinkedHashSet<>();
        for (LogLine line : lines) {
            Matcher prefix = PREFIX_USER.matcher(line.text());
            if (prefix.find()) {
                users.add(prefix.group(1));
            }
            Matcher authorized = AUTHORIZED.matcher(line.text());
            if (authorized.find()) {
                users.add(authorized.group(1));
            }
        }
        users.removeIf(u -> u.equals("postgres") || u.equals("[unknown]"));
        return users;
    }

    static Optional<Kind> kind(String text) {
        for (Kind kind : Kind.values()) {
            if (kind.pattern.matcher(text).find()) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** Who a line is about: user (and database, application) from the prefix, key=value pairs or MySQL's 'user'@'host'. */
    static String client(String text) {
        Matcher prefix = PREFIX_USER.matcher(text);
        if (prefix.find()) {
            return describe(prefix.group(1), prefix.group(2), null);
        }
        Matcher mysql = MYSQL_USER.matcher(text);
        if (mysql.find()) {
            return "user " + mysql.group(1) + " from " + mysql.group(2);
        }
        Map<String, String> pairs = new HashMap<>();
        Matcher kv = KEY_VALUE.matcher(text);
        while (kv.find()) {
            pairs.putIfAbsent(kv.group(1), kv.group(2).replaceAll("^[\"']|[\"']$", ""));
        }
        String user = pairs.get("user");
        String app = pairs.getOrDefault("application_name", pairs.get("app"));
        if (user == null && app == null) {
            return null;
        }
        return describe(user, pairs.getOrDefault("database", pairs.get("db")), app);
    }

    private static String describe(String user, String database, String application) {
        StringBuilder s = new StringBuilder();
        if (application != null && !application.isBlank() && !application.equals("[unknown]")) {
            s.append("application ").append(application).append(' ');
        }
        if (user != null && !user.equals("[unknown]")) {
            s.append("user ").append(user);
        }
        if (database != null && !database.equals("[unknown]")) {
            s.append(s.length() > 0 ? " on " : "").append("database ").append(database);
        }
        return s.toString().strip();
    }

    private static Observation signature(Kind kind, Aggregate a, Instant alertStart, String scope) {
        String relative = Relative.toAlert(a.first.time(), alertStart);
        String sample = clip(a.first.text());
        String where = a.first.pod() == null ? scope : a.first.pod();
        return Observation.of(LogAnalysis.SOURCE, Signal.DATABASE_LOG, "database-log/" + where + "/" + kind.wireName).at(a.first.time())
                .attr("signature", kind.wireName).attr("count", a.count).attr("first", a.first.time()).attr("relative", relative)
                .attr("sample", sample).attr("pod", a.first.pod()).attr("container", a.first.container()).attr("of", where)
                .text("database server log of " + where + ": " + kind.wireName.replace('_', ' ') + ", " + a.count
                        + (a.count == 1 ? " line" : " lines") + ", first " + relative + (a.first.time() == null ? "" : " (" + a.first.time() + ")")
                        + ": " + a.samples());
    }

    private static Observation clients(Map<String, Integer> refused, Map<String, Integer> authorized, Map<String, Integer> hosts, String scope) {
        List<String> parts = new ArrayList<>();
        if (!refused.isEmpty()) {
            parts.add("connections refused by client: " + ranked(refused));
        }
        if (!authorized.isEmpty()) {
            parts.add("connections authorized by client: " + ranked(authorized));
        }
        if (!hosts.isEmpty()) {
            parts.add("connections received from host: " + ranked(hosts));
        }
        Map<String, Integer> main = !authorized.isEmpty() ? authorized : !refused.isEmpty() ? refused : hosts;
        Map.Entry<String, Integer> top = main.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).orElseThrow();
        return Observation.of(LogAnalysis.SOURCE, Signal.DATABASE_LOG, "database-log/" + scope + "/clients")
                .attr("signature", "clients").attr("of", scope).attr("top", top.getKey()).attr("topCount", top.getValue())
                .attr("refused", refused.isEmpty() ? null : ranked(refused)).attr("authorized", authorized.isEmpty() ? null : ranked(authorized))
                .attr("hosts", hosts.isEmpty() ? null : ranked(hosts))
                .text("database server log of " + scope + ": " + String.join("; ", parts));
    }

    private static String ranked(Map<String, Integer> counts) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(5).map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static String clip(String s) {
        String t = s.strip();
        return t.length() > MAX_SAMPLE ? t.substring(0, MAX_SAMPLE) + "…" : t;
    }

    private static final class Aggregate {
        int count;
        LogLine first;
        /** The first line of each distinct shape (numbers and quoted values masked), at most three. */
        final Map<String, LogLine> shapes = new LinkedHashMap<>();

        void add(LogLine line) {
            count++;
            if (first == null || (line.time() != null && (first.time() == null || line.time().isBefore(first.time())))) {
                first = line;
            }
            String shape = LogAnalysis.mask(line.text());
            LogLine known = shapes.get(shape);
            if (known == null && shapes.size() < 3) {
                shapes.put(shape, line);
            } else if (known != null && line.time() != null && known.time() != null && line.time().isBefore(known.time())) {
                shapes.put(shape, line);
            }
        }

        String samples() {
            return shapes.values().stream().sorted(Comparator.comparing(LogLine::time, Comparator.nullsFirst(Comparator.naturalOrder())))
                    .map(l -> "\"" + clip(l.text()) + "\"").collect(Collectors.joining(", "));
        }
    }
}
