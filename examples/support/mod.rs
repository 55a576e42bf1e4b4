//! What the examples share: failures reported by their message.

use std::error::Error;
use std::fmt;

/// An example's failure. `main` returns it and Rust prints it with `Debug`,
/// which here writes the message and its causes as `Display` would: a
/// missing file reads `client.key: No such file or directory (os error 2)`,
/// not `Os { code: 2, … }`.
pub struct Failure(Box<dyn Error + Send + Sync>);

impl<E: Into<Box<dyn Error + Send + Sync>>> From<E> for Failure {
    fn from(error: E) -> Self {
        Self(error.into())
    }
}

impl fmt::Debug for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)?;
        let mut cause = self.0.source();
        while let Some(error) = cause {
            write!(f, ": {error}")?;
            cause = error.source();
        }
        Ok(())
    }
}

/// `Result` of an example's `main`.
pub type Outcome = Result<(), Failure>;
