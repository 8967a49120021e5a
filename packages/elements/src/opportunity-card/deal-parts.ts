// What the deal card loads on first use, as one file: the dialog a move asks in and the controls that
// edit a value where it stands. One file rather than two, so that what they share with the card stays
// in the card's own file instead of becoming more files to load at once.
import './stage-dialog.js';
import './field-controls.js';
