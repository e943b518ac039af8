/**
 * A validator for the subset of JSON Schema this project's schema files use, so each schema file is the one
 * statement of its rules.
 */
package io.tsfm.schemas.json;
