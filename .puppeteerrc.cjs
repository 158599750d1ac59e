// Puppeteer (used by the accessibility checker, DAISY Ace, in the tests) never downloads a browser of its own:
// the tests run Ace with the system's Chromium (PUPPETEER_EXECUTABLE_PATH, see test/epub/ace.test.ts).
module.exports = { skipDownload: true };
