// What the deal card loads after its own file, as one file: the deal's contacts section (as a deal first
// shows), the dialog a move asks in and the controls that edit a value where it stands. One file rather
// than three, so that what they share with the card stays in the card's own file instead of becoming
// more files to load at once (measured: three files made the card's first load some 570 bytes larger).
import './deal-contacts.js';
import './stage-dialog.js';
import './field-controls.js';
