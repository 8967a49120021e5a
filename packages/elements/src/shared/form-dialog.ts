// What every dialog with a form shares (the deal card's stage dialog, the lead inbox's dialogs): the
// answers as typed, each field's problem beside it, the kit's refusal when no field says it, and whether
// it is sending, on a modal <dialog> that gives focus back when it closes. A subclass opens it with its
// own state and renders its own fields.
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ModalDialog, renderModal } from './dialog.js';
import { dialogStyles } from './dialog.styles.js';
import { formStyles } from './form.styles.js';
import { fieldErrorText, type FieldProblem } from './field-errors.js';
import type { Localizer } from './localize.js';

export interface FormDialogState<Answers> {
  answers: Answers;
  problems: ReadonlyMap<string, FieldProblem>;
  /** Why the kit refused, when no field says it. */
  formError?: string;
  saving: boolean;
}

export type FormDialogHost = ReactiveControllerHost & HTMLElement & { renderRoot: HTMLElement | DocumentFragment };

/**
 * Gives the host's shadow root the dialog's and the form's styles, before its own (which may refine
 * them): a host whose dialogs load on first use does not carry them until then.
 */
function adoptFormStyles(host: FormDialogHost): void {
  const root = host.renderRoot;
  if (!(root instanceof ShadowRoot)) return;
  const sheets = [dialogStyles, formStyles].flatMap((style) => style.styleSheet ?? []);
  const missing = sheets.filter((sheet) => !root.adoptedStyleSheets.includes(sheet));
  if (missing.length) root.adoptedStyleSheets = [...missing, ...root.adoptedStyleSheets];
}

export class FormDialog<Answers extends object, State extends FormDialogState<Answers>> {
  protected readonly host: FormDialogHost;
  readonly #modal: ModalDialog;
  state?: State;

  constructor(host: FormDialogHost) {
    this.host = host;
    this.#modal = new ModalDialog(host);
  }

  get isOpen(): boolean {
    return this.#modal.isOpen;
  }

  /** Shows the dialog with `state` (once rendered); its `autofocus` control takes focus. */
  protected async show(state: State): Promise<void> {
    adoptFormStyles(this.host);
    this.state = state;
    this.host.requestUpdate();
    await this.#modal.open();
  }

  close(): void {
    this.#modal.close();
  }

  /** Takes what the user typed, clearing those fields' problems. */
  set(answers: Partial<Answers>): void {
    if (!this.state) return;
    const problems = new Map(this.state.problems);
    for (const field of Object.keys(answers)) problems.delete(field);
    this.state = { ...this.state, answers: { ...this.state.answers, ...answers }, problems, formError: undefined };
    this.host.requestUpdate();
  }

  /** Shows each field's problem beside it, or `formError` above the buttons, and focuses the first. */
  async refuse(problems: ReadonlyMap<string, FieldProblem>, formError?: string): Promise<void> {
    if (!this.state) return;
    this.state = { ...this.state, problems, formError, saving: false };
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('dialog [aria-invalid="true"]')?.focus();
  }

  saving(saving: boolean): void {
    if (!this.state) return;
    this.state = { ...this.state, saving };
    this.host.requestUpdate();
  }

  /** The dialog, titled, around `content` (the form while open; nothing once closed). */
  protected renderDialog(t: Localizer, title: string, content: TemplateResult): TemplateResult {
    return renderModal({
      title,
      closeLabel: t.t('form.close'),
      controller: this.#modal,
      content,
      onClose: () => (this.state = undefined),
    });
  }

  /** A field's problem, in words, if it has one. */
  protected errorOf(t: Localizer, field: string): string | undefined {
    const problem = this.state?.problems.get(field);
    return problem && fieldErrorText(t, problem);
  }

  /**
   * The form: `intro`, the `fields` in a grid, the kit's refusal, Cancel and the submit button. Submitting
   * hands `onSubmit` the state as it is then (the last keystroke may not have been rendered yet), unless a
   * request is on its way.
   */
  protected renderForm(
    t: Localizer,
    view: {
      intro: string;
      fields: readonly unknown[];
      submitLabel: string;
      /** Focus the submit button when the dialog opens (no field takes it). */
      submitAutofocus?: boolean;
      onSubmit(state: State): void;
    },
  ): TemplateResult {
    const state = this.state;
    return html`<form
      part="form"
      class="form"
      novalidate
      @submit=${(event: SubmitEvent) => {
        event.preventDefault();
        const now = this.state;
        if (now && !now.saving) view.onSubmit(now);
      }}
    >
      <p class="form-note">${view.intro}</p>
      ${view.fields.length ? html`<div class="form-grid">${view.fields}</div>` : nothing}
      <div role="alert" class="form-error-region">
        ${state?.formError ? html`<p part="form-error" class="form-error">${state.formError}</p>` : nothing}
      </div>
      <div class="form-actions">
        <button part="cancel-button" class="button" type="button" @click=${() => this.close()}>
          ${t.t('edit.cancel')}
        </button>
        <button
          part="submit-button"
          class="button primary"
          type="submit"
          ?autofocus=${Boolean(view.submitAutofocus)}
          ?disabled=${Boolean(state?.saving)}
        >
          ${view.submitLabel}
        </button>
      </div>
    </form>`;
  }
}
