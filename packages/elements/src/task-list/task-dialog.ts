// The "New task" dialog: a subject, when it is due, and the customer it is about (the kit links every
// activity to a record), found by name as the user types. It sends `POST /activities` itself and hands
// the saved task back; the kit's refusals show field by field. Its module loads the first time the
// dialog opens.
import { ApiError, type Activity, type CrmClient } from '@crmkit/core';
import { html } from 'lit';
import { failureOf } from '../shared/failure.js';
import { fieldProblems, type FieldProblem } from '../shared/field-errors.js';
import { FormDialog, type FormDialogState } from '../shared/form-dialog.js';
import { textField } from '../shared/form-fields.js';
import { useEnglish, type Localizer } from '../shared/localize.js';
import * as en from '../shared/messages/en.js';
import { fromLocalInput, toLocalInput } from '../activity-log/time.js';
import { taskDialogClass } from './dialog-class.js';

useEnglish(en.edit, en.form, en.problem, en.tasks);

interface Answers {
  subject: string;
  dueAt: string;
  customer: string;
}

interface DialogState extends FormDialogState<Answers> {
  /** Whose task it is ('' for the caller). */
  ownerId: string;
  /** One per opened dialog: a retried request is replayed by the kit, not made twice. */
  idempotencyKey: string;
}

/** The fields of the kit's answer that a field of the form stands for. */
const FIELD_OF: Record<string, keyof Answers> = { subject: 'subject', dueAt: 'dueAt', customerId: 'customer' };

export class TaskDialog extends FormDialog<Answers, DialogState> {
  /** Customers found so far, by the name shown. */
  #customers = new Map<string, string>();
  #search?: ReturnType<typeof setTimeout>;

  /** Opens the dialog; the due time starts at the next full hour. */
  async open(ownerId: string): Promise<void> {
    const due = new Date();
    due.setHours(due.getHours() + 1, 0, 0, 0);
    await this.show({
      answers: { subject: '', dueAt: toLocalInput(due), customer: '' },
      problems: new Map(),
      saving: false,
      ownerId,
      idempotencyKey: crypto.randomUUID(),
    });
  }

  /** Looks up customers by what was typed, a moment after the user stops typing. */
  #find(client: CrmClient | undefined, typed: string): void {
    clearTimeout(this.#search);
    const q = typed.trim();
    if (!client || q.length < 1 || this.#customers.has(q)) return;
    this.#search = setTimeout(() => {
      void client.customers.list({ q, limit: 8 }).then(
        (page) => {
          for (const customer of page.items) this.#customers.set(customer.name, customer.id);
          this.host.requestUpdate();
        },
        () => {
          // No suggestions this time; the name can still be typed in full.
        },
      );
    }, 200);
  }

  /** Checks and sends the answers; the saved task, or nothing when the kit refused (shown in the form). */
  async submit(t: Localizer, client: CrmClient | undefined): Promise<Activity | undefined> {
    const state = this.state;
    if (!state || !client) return undefined;
    const { subject, dueAt, customer } = state.answers;
    const problems = new Map<string, FieldProblem>();
    if (!subject.trim()) problems.set('subject', { code: 'required' });
    const due = dueAt ? fromLocalInput(dueAt) : undefined;
    if (dueAt && !due) problems.set('dueAt', { code: 'invalid_format' });
    const customerId = this.#customers.get(customer.trim());
    if (!customer.trim()) problems.set('customer', { code: 'required' });
    else if (!customerId) problems.set('customer', { code: 'invalid_value' });
    if (problems.size) return void (await this.refuse(problems));
    this.saving(true);
    try {
      const task = await client.activities.create(
        {
          type: 'task',
          subject: subject.trim(),
          dueAt: due ? due.toISOString() : null,
          customerId: customerId!,
          ...(state.ownerId ? { ownerId: state.ownerId } : {}),
        },
        { idempotencyKey: state.idempotencyKey },
      );
      this.close();
      return task;
    } catch (error) {
      const refused = new Map<string, FieldProblem>();
      for (const [field, problem] of fieldProblems(error)) if (FIELD_OF[field]) refused.set(FIELD_OF[field], problem);
      const formError = refused.size
        ? undefined
        : failureOf(error) === 'forbidden'
          ? t.t('form.forbidden')
          : error instanceof ApiError && error.problem.detail
            ? error.problem.detail
            : t.t('form.failed');
      await this.refuse(refused, formError);
      return undefined;
    }
  }

  render(t: Localizer, client: CrmClient | undefined, onSubmit: () => void) {
    const state = this.state;
    return this.renderDialog(t, t.t('tasks.newTitle'), state ? this.#renderForm(t, state, client, onSubmit) : html``);
  }

  #renderForm(t: Localizer, state: DialogState, client: CrmClient | undefined, onSubmit: () => void) {
    const { answers } = state;
    const customerError =
      state.problems.get('customer')?.code === 'invalid_value'
        ? t.t('tasks.customerUnknown')
        : this.errorOf(t, 'customer');
    return this.renderForm(t, {
      intro: t.t('tasks.newIntro'),
      fields: [
        textField({
          id: 'task-subject',
          label: t.t('tasks.subject'),
          value: answers.subject,
          required: true,
          wide: true,
          maxlength: 200,
          autofocus: true,
          error: this.errorOf(t, 'subject'),
          onInput: (subject) => this.set({ subject }),
        }),
        textField({
          id: 'task-due',
          type: 'datetime-local',
          label: t.t('tasks.dueAt'),
          value: answers.dueAt,
          error: this.errorOf(t, 'dueAt'),
          onInput: (dueAt) => this.set({ dueAt }),
        }),
        textField({
          id: 'task-customer',
          type: 'search',
          label: t.t('tasks.customer'),
          value: answers.customer,
          required: true,
          placeholder: t.t('tasks.customerHint'),
          suggestions: [...this.#customers.keys()],
          error: customerError,
          onInput: (customer) => {
            this.set({ customer });
            this.#find(client, customer);
          },
        }),
      ],
      submitLabel: t.t('tasks.create'),
      onSubmit,
    });
  }
}

taskDialogClass.register(TaskDialog);
