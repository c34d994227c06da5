//! Tests of the XLSForm module: the shipped item bank, workbook errors,
//! expressions and answer validation. One test binary; workbooks are built
//! in memory by `xlsx::workbook`.

mod errors;
mod expr;
mod item_bank;
mod props;
mod validate;
mod xform;
mod xlsx;
