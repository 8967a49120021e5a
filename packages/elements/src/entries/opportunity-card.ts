// @crmkit/elements/opportunity-card.js: importing it registers <crm-opportunity-card>, and nothing else, so a page
// that shows only this element loads only its code. The dialog a move asks in, the controls that edit a value where
// it stands and the deal's contacts section load as one file after the card: as a deal first shows.
import { dealContactsSection, fieldControls, stageDialogClass } from '../opportunity-card/parts.js';

const loadParts = () => import('../opportunity-card/deal-parts.js');
stageDialogClass.loadWith(loadParts);
fieldControls.loadWith(loadParts);
dealContactsSection.loadWith(loadParts);

export * from '../opportunity-card/opportunity-card.js';
