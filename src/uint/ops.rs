//! Rust's operators on [`FheUint`] and [`FheBool`]: on values and on
//! references, with an encrypted or a plaintext right-hand side, and the
//! compound assignments. Every operator records a pending operation (see
//! the [module docs](super)).

use std::ops::{
    Add, AddAssign, BitAnd, BitAndAssign, BitOr, BitOrAssign, BitXor, BitXorAssign, Mul, MulAssign, Not, Shl,
    ShlAssign, Shr, ShrAssign, Sub, SubAssign,
};

use super::{FheBool, FheUint, Operation, Unsigned};

impl<T: Unsigned> FheUint<T> {
    fn binary(&self, op: Operation, rhs: &Self) -> Self {
        Self::op(op, vec![self.word.clone(), rhs.word.clone()])
    }

    fn binary_plain(&self, op: Operation, rhs: T) -> Self {
        Self::op(op, vec![self.word.clone(), Self::constant(rhs)])
    }
}

macro_rules! binary {
    ($($trait:ident $method:ident $assign_trait:ident $assign:ident $op:ident),*) => {$(
        impl<T: Unsigned> $trait<&FheUint<T>> for &FheUint<T> {
            type Output = FheUint<T>;
            fn $method(self, rhs: &FheUint<T>) -> FheUint<T> {
                self.binary(Operation::$op, rhs)
            }
        }
        impl<T: Unsigned> $trait<FheUint<T>> for &FheUint<T> {
            type Output = FheUint<T>;
            fn $method(self, rhs: FheUint<T>) -> FheUint<T> {
                self.binary(Operation::$op, &rhs)
            }
        }
        impl<T: Unsigned> $trait<&FheUint<T>> for FheUint<T> {
            type Output = FheUint<T>;
            fn $method(self, rhs: &FheUint<T>) -> FheUint<T> {
                self.binary(Operation::$op, rhs)
            }
        }
        impl<T: Unsigned> $trait<FheUint<T>> for FheUint<T> {
            type Output = FheUint<T>;
            fn $method(self, rhs: FheUint<T>) -> FheUint<T> {
                self.binary(Operation::$op, &rhs)
            }
        }
        impl<T: Unsigned> $trait<T> for &FheUint<T> {
            type Output = FheUint<T>;
            fn $method(self, rhs: T) -> FheUint<T> {
                self.binary_plain(Operation::$op, rhs)
            }
        }
        impl<T: Unsigned> $trait<T> for FheUint<T> {
            type Output = FheUint<T>;
            fn $method(self, rhs: T) -> FheUint<T> {
                self.binary_plain(Operation::$op, rhs)
            }
        }
        impl<T: Unsigned> $assign_trait<&FheUint<T>> for FheUint<T> {
            fn $assign(&mut self, rhs: &FheUint<T>) {
                *self = self.binary(Operation::$op, rhs);
            }
        }
        impl<T: Unsigned> $assign_trait<FheUint<T>> for FheUint<T> {
            fn $assign(&mut self, rhs: FheUint<T>) {
                *self = self.binary(Operation::$op, &rhs);
            }
        }
        impl<T: Unsigned> $assign_trait<T> for FheUint<T> {
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
    BitXor bitxor BitXorAssign bitxor_assign BitXor
);

macro_rules! shift {
    ($($trait:ident $method:ident $assign_trait:ident $assign:ident $op:ident),*) => {$(
        /// The amount is taken modulo the width.
        impl<T: Unsigned> $trait<u32> for &FheUint<T> {
            type Output = FheUint<T>;
            fn $method(self, k: u32) -> FheUint<T> {
                FheUint::op(Operation::$op(k.rem_euclid(T::BITS)), vec![self.word.clone()])
            }
        }
        /// The amount is taken modulo the width.
        impl<T: Unsigned> $trait<u32> for FheUint<T> {
            type Output = FheUint<T>;
            fn $method(self, k: u32) -> FheUint<T> {
                (&self).$method(k)
            }
        }
        impl<T: Unsigned> $assign_trait<u32> for FheUint<T> {
            fn $assign(&mut self, k: u32) {
                *self = (&*self).$method(k);
            }
        }
    )*};
}

shift!(Shl shl ShlAssign shl_assign Shl, Shr shr ShrAssign shr_assign Shr);

impl<T: Unsigned> Not for &FheUint<T> {
    type Output = FheUint<T>;
    fn not(self) -> FheUint<T> {
        FheUint::op(Operation::Not, vec![self.word.clone()])
    }
}

impl<T: Unsigned> Not for FheUint<T> {
    type Output = FheUint<T>;
    fn not(self) -> FheUint<T> {
        !&self
    }
}

impl Not for &FheBool {
    type Output = FheBool;
    fn not(self) -> FheBool {
        FheBool::op(Operation::Not, vec![self.word.clone()])
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
                FheBool::op(Operation::$op, vec![self.word.clone(), rhs.word.clone()])
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
