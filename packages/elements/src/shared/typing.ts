/**
 * How long typing must pause before a box's text is applied (a search, a filter): applied on
 * every key, each would cost a request and redraw the list under the user's fingers.
 */
export const TYPING_PAUSE_MS = 250;
