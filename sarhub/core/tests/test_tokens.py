import hashlib
import re

from sarhub.core.tokens import hash_token, new_token, same_hash


def test_the_hash_is_the_stored_format_hex_sha256_of_the_utf8_token():
    assert hash_token("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    assert hash_token("café") == hashlib.sha256("café".encode()).hexdigest()
    assert re.fullmatch(r"[0-9a-f]{64}", hash_token(new_token()))


def test_new_tokens_are_url_safe_and_never_repeat():
    tokens = {new_token() for _ in range(100)}
    assert len(tokens) == 100
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{43}", t) for t in tokens)
    assert len(new_token(16)) == 22


def test_a_token_matches_only_its_own_stored_hash():
    token = new_token()
    assert same_hash(hash_token(token), token)
    assert not same_hash(hash_token(token), token + "x")
    assert not same_hash(None, token)
