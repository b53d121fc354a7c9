-- 048_login_turns.sql: password checks of one email take turns
--
-- A sign-in read the email's failures, checked the password (argon2, tens
-- of milliseconds) and counted a failure afterwards, so wrong passwords
-- sent at once were all checked before any was counted: twelve together
-- had twelve checks where the lock-out allows five. A check let through is
-- now counted as a failure before it is made, in a transaction that
-- first writes this row of the email typed (registered or not), so that
-- two attempts at one email, on one server or on two Galera nodes, read
-- each other's count. One row per email ever tried, like login_failures.
CREATE TABLE login_turns (
	email	VARCHAR(254) NOT NULL PRIMARY KEY,
	turns	BIGINT UNSIGNED NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
