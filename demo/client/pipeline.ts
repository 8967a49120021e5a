// The pipeline page: the server rendered the board and the funnel inside their provider; this
// registers them. The funnel follows the provider's change stream, so it updates itself when a deal
// moves on the board (or anywhere else). A deal opened on the board shows on its own page; a stage
// chosen in the funnel shows its deals on the board.
import '@crmkit/elements';
import type { CrmFunnelStageSelectEvent } from '@crmkit/elements';
import './open-deal.js';

document.addEventListener('crm-funnel-stage-select', (event) => {
  const { stage } = (event as CrmFunnelStageSelectEvent).detail;
  const board = document.querySelector('crm-pipeline-board');
  void board?.showStage(stage.stageId).then((shown) => shown && board.scrollIntoView({ block: 'start' }));
});
