-- 028_languages.sql: the language each account reads its pages and mail in
--
-- A code of core/lang.c's list (en, de, ...); NULL for accounts made before
-- languages, which get the site's default_language. Each outbox message is
-- written in the language its recipient had when it was queued.
ALTER TABLE users ADD COLUMN language VARCHAR(16) NULL;
ALTER TABLE mail_outbox ADD COLUMN language VARCHAR(16) NULL;
