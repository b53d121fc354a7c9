-- 015_totp_secret_encrypted.sql: the authenticator secret is stored encrypted

-- "v1:" and the base64 of AES-256-GCM's nonce, ciphertext and tag, keyed
-- with the totp_key setting (mfa.c). A row written before holds the
-- base32 secret itself: it is encrypted the next time it is used, or by
-- bookingctl encrypt-totp-secrets.
ALTER TABLE user_totp MODIFY secret VARCHAR(128) NOT NULL;
