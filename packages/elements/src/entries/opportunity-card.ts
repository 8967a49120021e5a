// @crmkit/elements/opportunity-card.js: importing it registers <crm-opportunity-card>, and nothing else, so a page
// that shows only this element loads only its code. The dialog a move asks in, the controls that edit a value where
// it stands and the deal's contacts section load as one file after the card: as a deal first shows. The change
// stream loads when the card has a client of its own (outside a <crm-provider>).
import { dealContactsSection, fieldControls, stageDialogClass } from '../opportunity-card/parts.js';
import { ownChangeStreams } from '../shared/own-change-streams.js';

const loadParts = () => import('../opportunity-card/deal-parts.js');
stageDialogClass.loadWith(loadParts);
fieldControls.loadWith(loadParts);
dealContactsSection.loadWith(loadParts);
ownChangeStreams.loadWith(() => import('../shared/change-stream.js'));

export * from '../opportunity-card/opportunity-card.js';
