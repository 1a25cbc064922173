-- SPDX-License-Identifier: MIT
-- Schema 12 belongs to another branch: this stand-in only keeps the numbering whole on the
-- sec-core branch, and is dropped when the real 012 is merged.
SELECT 1;
