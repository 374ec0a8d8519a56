// en messages of the student page. Keys and placeholders must match the other language's file
// (tests/unit/i18n_catalogs.test.mjs).
export default {
};
