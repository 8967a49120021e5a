// Labelled form fields with their error beside them: one markup for every form of the elements,
// styled by form.styles.ts (and the controls by controls.styles.ts). Each control is named by its
// label, marked required and invalid for assistive technology, and described by its error.
import { html, nothing, type TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';

export interface FieldBase {
  /** The control's id, unique in the shadow root; its error is `<id>-error`. */
  id: string;
  label: string;
  required?: boolean;
  /** The localized error, if the field has one. */
  error?: string;
  /** Spans the whole row of the form's grid. */
  wide?: boolean;
  /** Takes focus when the dialog opens. */
  autofocus?: boolean;
}

export interface TextFieldOptions extends FieldBase {
  type?: 'text' | 'email' | 'tel' | 'date' | 'datetime-local' | 'search' | 'url';
  value: string;
  maxlength?: number;
  autocomplete?: string;
  inputmode?: 'decimal' | 'numeric' | 'email' | 'tel' | 'text';
  placeholder?: string;
  /** Values to offer as the user types (any other may still be typed). */
  suggestions?: readonly string[];
  onInput(value: string): void;
}

export interface SelectFieldOptions extends FieldBase {
  value: string;
  /** `[value, label]` pairs, in order. */
  options: readonly (readonly [string, string])[];
  onChange(value: string): void;
}

/** The label, the control and the error below it. */
function wrap(field: FieldBase, control: TemplateResult): TemplateResult {
  return html`<div part="field" class="field ${field.wide ? 'wide' : ''}" data-field=${field.id}>
    <label class="field-label" for=${field.id}
      >${field.label}${field.required ? html`<span class="required-mark" aria-hidden="true"> *</span>` : nothing}</label
    >
    ${control}
    ${
      field.error
        ? html`<p part="field-error" id=${`${field.id}-error`} class="field-error">${field.error}</p>`
        : nothing
    }
  </div>`;
}

const describedBy = (field: FieldBase) => (field.error ? `${field.id}-error` : undefined);

export function textField(field: TextFieldOptions): TemplateResult {
  const listId = field.suggestions?.length ? `${field.id}-suggestions` : undefined;
  return wrap(
    field,
    html`${
        listId
          ? html`<datalist id=${listId}>
              ${field.suggestions!.map((value) => html`<option value=${value}></option>`)}
            </datalist>`
          : nothing
      }<input
        class="control"
        id=${field.id}
        name=${field.id}
        type=${field.type ?? 'text'}
        .value=${live(field.value)}
        ?required=${field.required}
        ?autofocus=${field.autofocus}
        maxlength=${ifDefined(field.maxlength)}
        autocomplete=${field.autocomplete ?? 'off'}
        inputmode=${ifDefined(field.inputmode)}
        placeholder=${ifDefined(field.placeholder)}
        list=${ifDefined(listId)}
        aria-invalid=${field.error ? 'true' : 'false'}
        aria-describedby=${ifDefined(describedBy(field))}
        @input=${(event: Event) => field.onInput((event.target as HTMLInputElement).value)}
      />`,
  );
}

/** Text over several lines (a description), growing with the user's resize handle. */
export function textareaField(field: Omit<TextFieldOptions, 'type' | 'inputmode'>): TemplateResult {
  return wrap(
    field,
    html`<textarea
      class="control"
      id=${field.id}
      name=${field.id}
      rows="4"
      .value=${live(field.value)}
      ?required=${field.required}
      ?autofocus=${field.autofocus}
      maxlength=${ifDefined(field.maxlength)}
      placeholder=${ifDefined(field.placeholder)}
      aria-invalid=${field.error ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy(field))}
      @input=${(event: Event) => field.onInput((event.target as HTMLTextAreaElement).value)}
    ></textarea>`,
  );
}

export function selectField(field: SelectFieldOptions): TemplateResult {
  return wrap(
    field,
    html`<select
      class="control"
      id=${field.id}
      name=${field.id}
      ?required=${field.required}
      ?autofocus=${field.autofocus}
      aria-invalid=${field.error ? 'true' : 'false'}
      aria-describedby=${ifDefined(describedBy(field))}
      @change=${(event: Event) => field.onChange((event.target as HTMLSelectElement).value)}
    >
      ${field.options.map(
        ([value, label]) => html`<option value=${value} ?selected=${value === field.value}>${label}</option>`,
      )}
    </select>`,
  );
}

/** A checkbox with its label beside it (and its error below, e.g. a consent that must be given). */
export function checkField(field: {
  id: string;
  label: string;
  checked: boolean;
  error?: string;
  onChange(checked: boolean): void;
}) {
  return html`<div part="field" class="field wide" data-field=${field.id}>
    <label class="check">
      <input
        type="checkbox"
        id=${field.id}
        name=${field.id}
        .checked=${live(field.checked)}
        aria-invalid=${field.error ? 'true' : 'false'}
        aria-describedby=${ifDefined(field.error ? `${field.id}-error` : undefined)}
        @change=${(event: Event) => field.onChange((event.target as HTMLInputElement).checked)}
      />
      ${field.label}
    </label>
    ${field.error ? html`<p part="field-error" id=${`${field.id}-error`} class="field-error">${field.error}</p>` : nothing}
  </div>`;
}
