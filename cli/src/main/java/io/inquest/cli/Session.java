package io.inquest.cli;

/** The gateway to talk to, and the user's config (for the current investigation). */
record Session(GatewayClient gateway, CliConfig config) {

    /** The given id, else the one {@code inquest use} made current. */
    String investigationId(String given) {
        String id = given != null && !given.isBlank() ? given : config.get("current");
        if (id == null) {
            throw new CliException(CliException.INVALID, "say which investigation (an id), or pick one with 'inquest use <id>'");
        }
        if (!id.matches("inq-[0-9a-f]{24}")) {
            throw new CliException(CliException.INVALID, "'" + id + "' is not an investigation id (inq- and 24 hex digits)");
        }
        return id;
    }
}
