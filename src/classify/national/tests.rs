//! Per-scheme examples: published numbers pass, one-digit changes fail, typed forms are read.

use super::*;
