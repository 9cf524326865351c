-- 0008_accounts: people sign in as themselves (SPEC.md §5): accounts, their sessions and refresh tokens, the sign-in
-- attempts that lockout counts, and the display names that timelines, alerts and audit rows now carry.
-- DatabaseMigrator applies this script in one transaction; it is idempotent (running it again changes nothing).
-- Plain SQL only: no psql meta-commands, no BEGIN/COMMIT.

-- One row per person. `id` is the stable subject (`sub`) of their tokens; `username` is what they type and what
-- timelines show. Only the slow salted hash of a password is stored (ASP.NET Core Identity's format).
CREATE TABLE IF NOT EXISTS app_users
(
    id                   uuid        NOT NULL,
    username             text        NOT NULL,
    display_name         text        NOT NULL,
    role                 text        NOT NULL,
    opd                  text        NULL,
    active               boolean     NOT NULL DEFAULT true,
    must_change_password boolean     NOT NULL DEFAULT true,
    password_hash        text        NOT NULL,
    created_at           timestamptz NOT NULL DEFAULT now(),
    last_sign_in_at      timestamptz NULL,

    CONSTRAINT pk_app_users PRIMARY KEY (id),
    CONSTRAINT uq_app_users_username UNIQUE (username),
    CONSTRAINT ck_app_users_username CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
    CONSTRAINT ck_app_users_role CHECK (role IN ('calltaker', 'opd', 'supervisor', 'admin')),
    CONSTRAINT ck_app_users_opd CHECK ((role = 'opd') = (opd IS NOT NULL))
);

-- A signed-in session: lasts one shift at most (`expires_at`), ends early on logout, refresh-token reuse, password
-- change or reset, and deactivation (`ended_at`, `ended_reason`).
CREATE TABLE IF NOT EXISTS app_sessions
(
    id           uuid        NOT NULL,
    user_id      uuid        NOT NULL,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    ended_at     timestamptz NULL,
    ended_reason text        NULL,

    CONSTRAINT pk_app_sessions PRIMARY KEY (id),
    CONSTRAINT fk_app_sessions_user FOREIGN KEY (user_id) REFERENCES app_users (id)
);

CREATE INDEX IF NOT EXISTS ix_app_sessions_user_open ON app_sessions (user_id) WHERE ended_at IS NULL;

-- Every refresh token a session was given, by the SHA-256 of its value (the value itself is never stored). A token is
-- used once (`used_at`); presenting a used one again is a reuse and ends the whole session.
CREATE TABLE IF NOT EXISTS app_refresh_tokens
(
    token_hash bytea       NOT NULL,
    session_id uuid        NOT NULL,
    issued_at  timestamptz NOT NULL,
    used_at    timestamptz NULL,

    CONSTRAINT pk_app_refresh_tokens PRIMARY KEY (token_hash),
    CONSTRAINT fk_app_refresh_tokens_session FOREIGN KEY (session_id) REFERENCES app_sessions (id)
);

-- Sign-in attempts, counted by lockout (per username, known or not) and kept for the record.
CREATE TABLE IF NOT EXISTS app_sign_in_attempts
(
    id             bigserial   NOT NULL,
    username       text        NOT NULL,
    client_address text        NULL,
    at             timestamptz NOT NULL,
    succeeded      boolean     NOT NULL,

    CONSTRAINT pk_app_sign_in_attempts PRIMARY KEY (id)
);

CREATE INDEX IF NOT EXISTS ix_app_sign_in_attempts_username_at ON app_sign_in_attempts (username, at);

-- Display names beside usernames; rows written before this script have none (null).
ALTER TABLE app_audit ADD COLUMN IF NOT EXISTS actor_name text NULL;
ALTER TABLE alerts ADD COLUMN IF NOT EXISTS acknowledged_by_name text NULL;
