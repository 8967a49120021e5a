// The dialogs of a case (the support queue's rows, the case card): who to assign it to, and the note a
// resolution leaves on the case's timeline. They only gather the answers; the element sends them. Their
// module loads the first time one opens.
import type { Case } from '@crmkit/core';
import { html } from 'lit';
import { FormDialog, type FormDialogState } from '../shared/form-dialog.js';
import { selectField, textareaField } from '../shared/form-fields.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';
import { caseDialogClass } from './dialog-class.js';

useEnglish(en.caseDialog, en.edit, en.form);

export type CaseDialogKind = 'assign' | 'resolve';

export interface CaseAnswers {
  ownerId: string;
  note: string;
}

interface State extends FormDialogState<CaseAnswers> {
  kind: CaseDialogKind;
  kase: Case;
}

export class CaseDialog extends FormDialog<CaseAnswers, State> {
  /** Opens the dialog of `kind` for `kase`. */
  async open(kind: CaseDialogKind, kase: Case): Promise<void> {
    await this.show({
      kind,
      kase,
      answers: { ownerId: kase.ownerId ?? '', note: '' },
      problems: new Map(),
      saving: false,
    });
  }

  /**
   * The dialog. `owners` are the members to offer ([id, name]); `onSubmit` gets the answers and the
   * case they are for.
   */
  render(
    t: Localizer,
    owners: readonly (readonly [string, string])[],
    onSubmit: (kind: CaseDialogKind, kase: Case, answers: CaseAnswers) => void,
  ) {
    const state = this.state;
    if (!state) return this.renderDialog(t, '', html``);
    const { kind, kase, answers } = state;
    const assign = kind === 'assign';
    const field = assign
      ? selectField({
          id: 'field-ownerId',
          label: t.t('caseDialog.owner'),
          value: answers.ownerId,
          options: [['', t.t('caseDialog.noOwner')], ...owners],
          autofocus: true,
          onChange: (ownerId) => this.set({ ownerId }),
        })
      : textareaField({
          id: 'field-note',
          label: t.t('caseDialog.note'),
          value: answers.note,
          maxlength: 10_000,
          wide: true,
          autofocus: true,
          onInput: (note) => this.set({ note }),
        });
    return this.renderDialog(
      t,
      t.t(assign ? 'caseDialog.assignTitle' : 'caseDialog.resolveTitle', { subject: kase.subject }),
      this.renderForm(t, {
        intro: t.t(assign ? 'caseDialog.assignIntro' : 'caseDialog.resolveIntro'),
        fields: [field],
        submitLabel: state.saving ? t.t('edit.saving') : t.t(assign ? 'caseDialog.assign' : 'caseDialog.resolve'),
        onSubmit: (now) => onSubmit(now.kind, now.kase, now.answers),
      }),
    );
  }
}

caseDialogClass.register(CaseDialog);
