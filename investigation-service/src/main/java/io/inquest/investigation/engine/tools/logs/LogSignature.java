package io.inquest.investigation.engine.tools.logs;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Well-known failure signatures in log lines, tried in this order: the most specific first, so a
 * HikariCP "request timed out" is {@code too_many_connections} and a DNS lookup that times out is
 * {@code dns}, not {@code timeout}; {@code panic} and {@code exception} only name what nothing more
 * specific explains.
 */
public enum LogSignature {

    OOM("oom", "java\\.lang\\.OutOfMemoryError|\\bOutOfMemoryError\\b|\\bout of memory\\b|Killed process \\d+|\\boom[-_ ]?kill"
            + "|memory cgroup out of memory|\\bOOMKilled\\b|Cannot allocate memory|\\bENOMEM\\b|^MemoryError\\b|JavaScript heap out of memory"),
    DISK_FULL("disk_full", "No space left on device|\\bENOSPC\\b|could not extend file|disk quota exceeded|\\bdisk (is )?full\\b"),
    TOO_MANY_CONNECTIONS("too_many_connections", "too many clients|too many connections|remaining connection slots are reserved"
            + "|Connection is not available, request timed out|ER_CON_COUNT_ERROR|connection pool (is )?exhausted"
            + "|Timeout waiting for idle object|maximum number of connections"),
    /** The service's own client went away mid-response: the write fails, but nothing the service depends on failed. */
    CLIENT_ABORT("client_abort", "ClientAbortException|org\\.eclipse\\.jetty\\.io\\.EofException|AsyncRequestNotUsableException"
            + "|\\bclient (?:disconnected|closed (?:the )?(?:connection|request)|aborted|went away|has closed)"
            + "|connection (?:was )?(?:closed|aborted|reset) by (?:the )?client|Broken pipe from \\('"
            + "|(?:response|write to|writing (?:the )?response)[^\\n]{0,60}(?:broken pipe|EPIPE|connection reset)"
            + "|HTTP/\\d(?:\\.\\d)?\" 499 |\\bstatus[=: ]+499\\b"
            // A write from a listening port to an ephemeral one is a reply to a client: "write tcp 10.1.2.3:8080->10.4.5.6:51234".
            + "|write tcp [\\d.]+:(?:[1-9]\\d{0,3}|[12]\\d{4}|3[01]\\d{3}|32[0-6]\\d{2}|327[0-5]\\d|3276[0-7])->[\\d.]+:(?:3276[89]|327[7-9]\\d|32[89]\\d{2}|3[3-9]\\d{3}|[4-5]\\d{4}|6[0-5]\\d{3}):"
            + " write: (?:broken pipe|connection reset by peer)"),
    /**
     * Runtime saturation the process reports itself: an event loop blocked or lagging (Node, Vert.x,
     * asyncio), so every request on it waits.
     */
    EVENT_LOOP_BLOCKED("event_loop_blocked", "event[ -]?loop (?:is )?(?:blocked|lag|delay|stall)|(?:blocked|lagging) event[ -]?loop"
            + "|has been blocked for \\d+ ?ms|BlockedThreadChecker|vertx-blocked-thread-checker"
            + "|Executing <(?:Task|Handle).*?> took \\d+(?:\\.\\d+)? seconds"),
    /** Long or back-to-back garbage collection pauses: the process spends its CPU collecting, not serving. */
    GC_PRESSURE("gc_pressure", "GC overhead|long (?:GC|garbage collection) pause|Detected pause in JVM or host machine|JvmPauseMonitor"
            + "|\\bPause Full\\b[^\\n]*\\d{4,}(?:\\.\\d+)?ms|\\[Full GC \\(|gc (?:pause|duration)[=: ]+\\d{4,}(?:\\.\\d+)? ?ms"
            + "|Mark-(?:Compact|sweep)[^\\n]*allocation failure[^\\n]*scavenge might not succeed|\\bGC pressure\\b"),
    /** Work refused or starving for lack of threads: a thread or worker pool full. */
    THREAD_POOL_EXHAUSTED("thread_pool_exhausted", "RejectedExecutionException|Thread starvation or clock leap detected"
            + "|(?:thread|worker|executor|task) ?pool (?:is )?(?:exhausted|full|saturated|starved)|rejected from [\\w.$]+(?:Executor|Pool)"
            + "|no (?:idle |available |free )?(?:worker )?threads? (?:available|left)|all \\d+ (?:worker )?threads (?:are )?busy"
            + "|max(?:imum)? ?(?:worker )?threads? (?:reached|exceeded)"),
    DNS("dns", "\\bNXDOMAIN\\b|no such host|UnknownHostException|\\bENOTFOUND\\b|\\bEAI_AGAIN\\b|Temporary failure in name resolution"
            + "|Name or service not known|server misbehaving|\\bSERVFAIL\\b|lookup \\S+ on \\S+:53\\b|could not translate host name"
            + "|nodename nor servname provided|Name does not resolve"),
    TLS("tls", "\\bx509:|certificate has expired|certificate is not valid|unknown authority|handshake failure|SSLHandshakeException"
            + "|PKIX path|CERT_HAS_EXPIRED|self[- ]signed certificate|unable to verify the first certificate|tls: bad certificate"
            + "|SSL routines|certificate verify failed"),
    CONNECTION_REFUSED("connection_refused", "connection refused|\\bECONNREFUSED\\b|Connection to \\S+ refused|actively refused"),
    CONNECTION_RESET("connection_reset", "connection reset|\\bECONNRESET\\b|broken pipe|\\bEPIPE\\b|unexpected EOF|: EOF\\s*$"
            + "|server closed the connection unexpectedly|connection closed by peer|socket hang up|Connection reset by peer"),
    MISSING_CONFIG("missing_config", "Could not resolve placeholder|config(uration)? file (was )?not found|invalid configuration"
            + "|secret \"?[\\w.-]+\"? not found|configmap \"?[\\w.-]+\"? not found"
            + "|\\b(missing|required)\\b[^\\n]{0,40}\\b(env(ironment)?[ _]var(iable)?s?|config(uration)?( key| value| property| setting)?|property|setting)\\b"
            + "|\\b(env(ironment)? var(iable)?|config(uration)? (key|value|property)|property|setting)\\b[^\\n]{0,60}"
            + "\\b(is )?(missing|required|not set|not defined|undefined|must be set)\\b"
            + "|\\S*(config|settings|\\.ya?ml|\\.json|\\.toml|\\.conf|\\.properties|\\.ini|\\.env)\\S*: no such file or directory"
            + "|KeyError: '[A-Z][A-Z0-9_]+'|ConfigurationException|must be set\\b"
            + "|validation errors? for \\w*(Settings|Config)\\b|Field required \\[type=missing|\\[type=missing,"
            + "|ConfigDataLocationNotFoundException|Failed to bind properties under|No value (given|present) for"
            + "|no such file or directory,? (?:open|stat|lstat) '?/(?:etc|run/secrets|var/run/secrets|secrets|config)/"),
    /** A call answered with a server error by what it called (the service's own access log lines are not calls). */
    UPSTREAM_ERROR("upstream_error", "\\b(?:HTTP|status(?: ?code)?|code|responded|returned|got)[ =:]+5(?:0[0-3])\\b"
            + "|\\b50[23] (?:Service Unavailable|Bad Gateway)\\b|upstream connect error|no healthy upstream"
            + "|UNAVAILABLE: |status: Unavailable|code = Unavailable"),
    TIMEOUT("timeout", "context deadline exceeded|deadline exceeded|timed out|SocketTimeoutException|TimeoutException|\\bETIMEDOUT\\b"
            + "|i/o timeout|Gateway Time-?out|(status|code|HTTP/\\d(\\.\\d)?)[=: ]+504\\b|\\b504 Gateway"),
    PANIC("panic", "^panic: |\\bpanic: |^fatal error: |segmentation fault|\\bsegfault\\b|\\bSIGSEGV\\b|nil pointer dereference"
            + "|Traceback \\(most recent call last\\)|uncaught exception|Unhandled ?(Promise)?Rejection|unhandledRejection"
            // Ruby's uncaught exception: "app/models/x.rb:6:in `<class:X>': uninitialized constant Y (NameError)".
            + "|\\.rb:\\d+:in [`'][^']*': .*\\([A-Z]\\w*(?:::[A-Z]\\w*)*\\)\\s*$"),
    EXCEPTION("exception", "Exception in thread|^\\s+at [\\w$.<>]+\\(|^Caused by: |\\b([a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error)\\b"
            + "|\\b(NullPointer|IllegalState|IllegalArgument|ClassCast|IndexOutOfBounds|ArrayIndexOutOfBounds|ConcurrentModification"
            + "|UnsupportedOperation|NumberFormat|Arithmetic)Exception\\b");

    private final String wireName;
    private final Pattern pattern;

    LogSignature(String wireName, String regex) {
        this.wireName = wireName;
        this.pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    }

    public String wireName() {
        return wireName;
    }

    /** The first signature (in order) whose words appear in the text, with the line that shows it. */
    public static Optional<Match> find(String text) {
        for (LogSignature signature : values()) {
            Matcher m = signature.pattern.matcher(text);
            if (m.find()) {
                int start = text.lastIndexOf('\n', m.start()) + 1;
                int end = text.indexOf('\n', m.end());
                String line = text.substring(start, end < 0 ? text.length() : end);
                return Optional.of(new Match(signature, line, target(text)));
            }
        }
        return Optional.empty();
    }

    /** A signature, the line that shows it (verbatim), and the host or host:port the text names, if any. */
    public record Match(LogSignature signature, String line, String target) {
    }

    private static final List<Pattern> TARGETS = List.of(
            Pattern.compile("could not translate host name \"([^\"]+)\""),
            Pattern.compile("connection to server at \"([^\"]+)\"(?: \\([^)]*\\))?, port (\\d+)"),
            Pattern.compile("\\blookup ([^\\s:]+)(?: on |: |$)"),
            Pattern.compile("\\b(?:Get|Post|Put|Delete|Patch|Head) \"?https?://([^/\"\\s]+)"),
            Pattern.compile("\\bdial tcp ([^\\s:]+:\\d+)"),
            Pattern.compile("UnknownHostException: ([^\\s:;,]+)"),
            Pattern.compile("\\b(?:ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT) ([^\\s,;]+)"),
            Pattern.compile("Connection to (\\S+) refused"),
            Pattern.compile("\\bhost=([\\w.-]+)"),
            Pattern.compile("\\b(?:connect(?:ing)?|connection) to ([\\w.-]+(?::\\d+)?)", Pattern.CASE_INSENSITIVE));

    /** The host or host:port a line names (lookup X, dial tcp X, connect to X, ECONNREFUSED X, Connection to X refused). */
    static String target(String text) {
        for (Pattern p : TARGETS) {
            Matcher m = p.matcher(text);
            if (m.find()) {
                String host = m.group(1);
                if (m.groupCount() > 1 && m.group(2) != null) {
                    host = host + ":" + m.group(2);
                }
                host = host.replaceAll("[\"'.,;)\\]]+$", "");
                if (!host.isEmpty() && !host.equalsIgnoreCase("server") && !host.equalsIgnoreCase("the")) {
                    return host;
                }
            }
        }
        return null;
    }
}
