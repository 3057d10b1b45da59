import stat

import pytest

from grassroots import config


def env(**values):
    return config.Env(values)


def test_flags_accept_plain_words_and_refuse_anything_else():
    assert env(X="1").flag("X", default=False) is True
    assert env(X="off").flag("X", default=True) is False
    assert env().flag("X", default=True) is True
    with pytest.raises(config.ConfigError, match="X must be 1 or 0"):
        env(X="maybe").flag("X", default=False)


def test_site_url_must_be_a_full_web_address():
    assert env(U="https://blog.example.org/").url("U", default="") == "https://blog.example.org"
    for bad in ["blog.example.org", "ftp://x.org", "https://", "javascript:alert(1)"]:
        with pytest.raises(config.ConfigError, match="full http"):
            env(U=bad).url("U", default="")


def test_database_url_of_an_unknown_kind_is_refused_in_one_sentence(tmp_path):
    with pytest.raises(config.ConfigError) as error:
        env(D="mysql://root@localhost/x").database("D", data_dir=tmp_path)
    assert "postgres://" in str(error.value)
    assert "\n" not in str(error.value)


def test_sqlite_is_tuned_for_a_web_server(tmp_path):
    database = env().database("D", data_dir=tmp_path)
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]
    assert "synchronous=FULL" in database["OPTIONS"]["init_command"]


def test_postgres_url_is_parsed(tmp_path):
    database = env(D="postgres://postgres@127.0.0.1:5432/site").database("D", data_dir=tmp_path)
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["NAME"] == "site"


def test_unwritable_data_dir_stops_with_one_sentence(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(config.ConfigError, match="cannot be created or written"):
        env(D=str(blocker / "data")).data_dir("D", default="var")


def test_secret_key_is_made_once_with_owner_only_permissions(tmp_path):
    first = config.secret_key(tmp_path)
    assert len(first) >= 50
    assert config.secret_key(tmp_path) == first
    mode = stat.S_IMODE((tmp_path / "secret_key").stat().st_mode)
    assert mode == 0o600


def test_bad_language_and_time_zone_are_named():
    with pytest.raises(config.ConfigError, match="one of en, ru, kk"):
        env(L="fr").language("L", default="en")
    with pytest.raises(config.ConfigError, match="Asia/Almaty"):
        env(T="Mars/Olympus").time_zone("T", default="UTC")
