//! The simulator keeps no plaintext password: each is stored as `sha256$<salt>$<digest>`, a
//! random salt and the SHA-256 of salt and password (a stand-in for a real platform's slow
//! key-derivation function; what matters here is that the database never holds the password).

use rand::RngCore;
use sha2::{Digest, Sha256};

const SCHEME: &str = "sha256";

fn digest(salt: &str, password: &str) -> String {
    hex::encode(Sha256::digest(format!("{salt}\u{0}{password}").as_bytes()))
}

/// The stored form of `password`, with a fresh salt.
pub fn hash(password: &str) -> String {
    let mut salt = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut salt);
    let salt = hex::encode(salt);
    format!("{SCHEME}${salt}${}", digest(&salt, password))
}

/// Whether `stored` is already a hash (a database from before keeps plaintext until opened).
pub fn is_hashed(stored: &str) -> bool {
    stored.starts_with(&format!("{SCHEME}$"))
}

/// `password` is the one `stored` was made from. Compared in constant time.
pub fn verify(stored: &str, password: &str) -> bool {
    let mut parts = stored.splitn(3, '$');
    let (Some(SCHEME), Some(salt), Some(want)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let got = digest(salt, password);
    got.len() == want.len() && got.bytes().zip(want.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_password_is_not_the_password_and_still_verifies() {
        let stored = hash("demo123");
        assert!(!stored.contains("demo123"));
        assert!(is_hashed(&stored));
        assert!(verify(&stored, "demo123"));
        assert!(!verify(&stored, "demo124"));
        assert!(!verify("demo123", "demo123"), "plaintext is not a stored form");
        assert_ne!(hash("demo123"), stored, "salted");
    }
}
