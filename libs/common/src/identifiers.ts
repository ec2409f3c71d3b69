/** An id as the database makes them (PostgreSQL uuid, lower or upper case hex). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The largest event sequence number: `decision_events.seq` is a PostgreSQL int. */
export const MAX_SEQ = 2_147_483_647;
