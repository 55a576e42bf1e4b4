//! Rust's operators on [`FheInteger`] and [`FheBool`]: on values and on
//! references, with an encrypted or a plaintext right-hand side, and the
//! compound assignments. Every operator records a pending operation (see
//! the [module docs](super)).

use std::ops::{
    Add, AddAssign, BitAnd, BitAndAssign, BitOr, BitOrAssign, BitXor, BitXorAssign, Div, DivAssign, Mul, MulAssign,
    Not, Rem, RemAssign, Shl, ShlAssign, Shr, ShrAssign, Sub, SubAssign,
};

use super::operation::Operation;
use super::value::{FheBool, FheInteger, Integer};

impl<T: Integer> FheInteger<T> {
    fn binary(&self, op: Operation, rhs: &Self) -> Self {
        Self::op(op, vec![self.word.clone(), rhs.word.clone()])
    }

    fn binary_plain(&self, op: Operation, rhs: T) -> Self {
        Self::op(op, vec![self.word.clone(), Self::constant(rhs)])
    }
}

macro_rules! binary {
    ($($trait:ident $method:ident $assign_trait:ident $assign:ident $op:ident),*) => {$(
        impl<T: Integer> $trait<&FheInteger<T>> for &FheInteger<T> {
            type Output = FheInteger<T>;
            fn $method(self, rhs: &FheInteger<T>) -> FheInteger<T> {
                self.binary(Operation::$op, rhs)
            }
        }
        impl<T: Integer> $trait<FheInteger<T>> for &FheInteger<T> {
            type Output = FheInteger<T>;
            fn $method(self, rhs: FheInteger<T>) -> FheInteger<T> {
                self.binary(Operation::$op, &rhs)
            }
        }
        impl<T: Integer> $trait<&FheInteger<T>> for FheInteger<T> {
            type Output = FheInteger<T>;
            fn $method(self, rhs: &FheInteger<T>) -> FheInteger<T> {
                self.binary(Operation::$op, rhs)
            }
        }
        impl<T: Integer> $trait<FheInteger<T>> for FheInteger<T> {
            type Output = FheInteger<T>;
            fn $method(self, rhs: FheInteger<T>) -> FheInteger<T> {
                self.binary(Operation::$op, &rhs)
            }
        }
        impl<T: Integer> $trait<T> for &FheInteger<T> {
            type Output = FheInteger<T>;
            fn $method(self, rhs: T) -> FheInteger<T> {
                self.binary_plain(Operation::$op, rhs)
            }
        }
        impl<T: Integer> $trait<T> for FheInteger<T> {
            type Output = FheInteger<T>;
            fn $method(self, rhs: T) -> FheInteger<T> {
                self.binary_plain(Operation::$op, rhs)
            }
        }
        impl<T: Integer> $assign_trait<&FheInteger<T>> for FheInteger<T> {
            fn $assign(&mut self, rhs: &FheInteger<T>) {
                *self = self.binary(Operation::$op, rhs);
            }
        }
        impl<T: Integer> $assign_trait<FheInteger<T>> for FheInteger<T> {
            fn $assign(&mut self, rhs: FheInteger<T>) {
                *self = self.binary(Operation::$op, &rhs);
            }
        }
        impl<T: Integer> $assign_trait<T> for FheInteger<T> {
            fn $assign(&mut self, rhs: T) {
                *self = self.binary_plain(Operation::$op, rhs);
            }
        }
    )*};
}

binary!(
    Add add AddAssign add_assign Add,
    Sub sub SubAssign sub_assign Sub,
    Mul mul MulAssign mul_assign Mul,
    BitAnd bitand BitAndAssign bitand_assign BitAnd,
    BitOr bitor BitOrAssign bitor_assign BitOr,
    BitXor bitxor BitXorAssign bitxor_assign BitXor,
    Div div DivAssign div_assign Div,
    Rem rem RemAssign rem_assign Rem
);

macro_rules! shift {
    ($($trait:ident $method:ident $assign_trait:ident $assign:ident $op:ident),*) => {$(
        /// The amount is taken modulo the width.
        impl<T: Integer> $trait<u32> for &FheInteger<T> {
            type Output = FheInteger<T>;
            fn $method(self, k: u32) -> FheInteger<T> {
                FheInteger::op(Operation::$op(k.rem_euclid(T::BITS)), vec![self.word.clone()])
            }
        }
        /// The amount is taken modulo the width.
        impl<T: Integer> $trait<u32> for FheInteger<T> {
            type Output = FheInteger<T>;
            fn $method(self, k: u32) -> FheInteger<T> {
                (&self).$method(k)
            }
        }
        impl<T: Integer> $assign_trait<u32> for FheInteger<T> {
            fn $assign(&mut self, k: u32) {
                *self = (&*self).$method(k);
            }
        }
    )*};
}

shift!(Shl shl ShlAssign shl_assign Shl, Shr shr ShrAssign shr_assign Shr);

macro_rules! encrypted_shift {
    ($($trait:ident $method:ident $assign_trait:ident $assign:ident $op:ident),*) => {$(
        /// By an encrypted amount, taken modulo the width: a barrel shifter
        /// (`log₂ BITS` levels of multiplexers).
        impl<T: Integer> $trait<&FheInteger<T>> for &FheInteger<T> {
            type Output = FheInteger<T>;
            fn $method(self, amount: &FheInteger<T>) -> FheInteger<T> {
                FheInteger::op(Operation::$op, vec![self.word.clone(), amount.word.clone()])
            }
        }
        /// By an encrypted amount, taken modulo the width.
        impl<T: Integer> $trait<FheInteger<T>> for FheInteger<T> {
            type Output = FheInteger<T>;
            fn $method(self, amount: FheInteger<T>) -> FheInteger<T> {
                (&self).$method(&amount)
            }
        }
        impl<T: Integer> $assign_trait<&FheInteger<T>> for FheInteger<T> {
            fn $assign(&mut self, amount: &FheInteger<T>) {
                *self = (&*self).$method(amount);
            }
        }
    )*};
}

encrypted_shift!(Shl shl ShlAssign shl_assign ShlBy, Shr shr ShrAssign shr_assign ShrBy);

impl<T: Integer> Not for &FheInteger<T> {
    type Output = FheInteger<T>;
    fn not(self) -> FheInteger<T> {
        FheInteger::op(Operation::Not, vec![self.word.clone()])
    }
}

impl<T: Integer> Not for FheInteger<T> {
    type Output = FheInteger<T>;
    fn not(self) -> FheInteger<T> {
        !&self
    }
}

impl Not for &FheBool {
    type Output = FheBool;
    fn not(self) -> FheBool {
        FheBool::op(Operation::Not, false, vec![self.word.clone()])
    }
}

impl Not for FheBool {
    type Output = FheBool;
    fn not(self) -> FheBool {
        !&self
    }
}

macro_rules! boolean {
    ($($trait:ident $method:ident $op:ident),*) => {$(
        impl $trait<&FheBool> for &FheBool {
            type Output = FheBool;
            fn $method(self, rhs: &FheBool) -> FheBool {
                FheBool::op(Operation::$op, false, vec![self.word.clone(), rhs.word.clone()])
            }
        }
        impl $trait<FheBool> for FheBool {
            type Output = FheBool;
            fn $method(self, rhs: FheBool) -> FheBool {
                (&self).$method(&rhs)
            }
        }
    )*};
}

boolean!(BitAnd bitand BitAnd, BitOr bitor BitOr, BitXor bitxor BitXor);
