-- 008_security_events.sql: failed logins by address, and the audit of security events

-- A failure counts against the pair of the email typed and the client's
-- address (an IPv6 address by its /64), so a stranger's failures lock the
-- account only for the stranger's address (auth.c).
ALTER TABLE login_failures
	ADD COLUMN address VARCHAR(45) NOT NULL DEFAULT '' AFTER email,
	ADD KEY login_failures_pair (email, address, failed_at);

-- Sign-ins, lock-outs, password and role changes, API tokens: who did
-- what to which account, and from where. Rows are only ever added; the
-- email is kept as it was, so the record outlives a rename or a deletion.
CREATE TABLE security_events (
	id         BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	type       VARCHAR(32) NOT NULL,	-- audit.c's audit_types
	user_id    INT UNSIGNED NULL,		-- the account (NULL: an unknown email)
	actor_id   INT UNSIGNED NULL,		-- who did it (NULL: a visitor, bookingctl)
	email      VARCHAR(254) NULL,		-- the account's, or the one typed
	address    VARCHAR(45) NULL,		-- the client's (NULL: not a request)
	detail     VARCHAR(255) NULL,
	created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
	CONSTRAINT security_events_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL,
	CONSTRAINT security_events_actor FOREIGN KEY (actor_id) REFERENCES users (id) ON DELETE SET NULL,
	KEY security_events_created (created_at),
	KEY security_events_type (type, created_at),
	KEY security_events_email (email, created_at),
	KEY security_events_actor (actor_id, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
