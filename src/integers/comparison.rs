//! Comparisons, `min` and `max`, against an encrypted or a plaintext value.

use super::operand::Operand;
use super::operation::Operation;
use super::value::{FheBool, FheInteger, Integer};

impl<T: Integer> FheInteger<T> {
    /// `self == other`; `other` may be a plaintext ([`Operand`]).
    pub fn eq(&self, other: impl Operand<T>) -> FheBool {
        FheBool::op(Operation::Eq, T::SIGNED, vec![self.word.clone(), other.into_operand().word])
    }

    /// `self != other`.
    pub fn ne(&self, other: impl Operand<T>) -> FheBool {
        !&self.eq(other)
    }

    /// `self < other`; `other` may be a plaintext ([`Operand`]).
    pub fn lt(&self, other: impl Operand<T>) -> FheBool {
        FheBool::op(Operation::Lt, T::SIGNED, vec![self.word.clone(), other.into_operand().word])
    }

    /// `self <= other`, as `!(other < self)`.
    pub fn le(&self, other: impl Operand<T>) -> FheBool {
        !&other.into_operand().lt(self)
    }

    /// `self > other`, as `other < self`.
    pub fn gt(&self, other: impl Operand<T>) -> FheBool {
        other.into_operand().lt(self)
    }

    /// `self >= other`, as `!(self < other)`.
    pub fn ge(&self, other: impl Operand<T>) -> FheBool {
        !&self.lt(other)
    }

    /// The smaller of the two.
    pub fn min(&self, other: impl Operand<T>) -> Self {
        Self::op(Operation::Min, vec![self.word.clone(), other.into_operand().word])
    }

    /// The larger of the two.
    pub fn max(&self, other: impl Operand<T>) -> Self {
        Self::op(Operation::Max, vec![self.word.clone(), other.into_operand().word])
    }
}
