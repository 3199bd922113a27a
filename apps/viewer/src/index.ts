// @nnunet-ts/viewer: A web page that shows images, labels and predictions and runs exported models in the browser.
// Its API arrives with issue #11; until then the package exports nothing.
export {};
