export const leadForm = {
  'leadForm.loading': 'Loading the form…',
  'leadForm.loadFailed': 'Could not load the form.',
  'leadForm.unavailable': 'This form is not available.',
  'leadForm.send': 'Send',
  'leadForm.sending': 'Sending…',
  'leadForm.thanks': 'Thank you! We will be in touch.',
  'leadForm.country': 'Use a two-letter code, e.g. TW.',
  'leadForm.countryHint': 'e.g. TW',
  'leadForm.tooMany': 'Too many tries. Please wait a few minutes.',
  'leadForm.expired': 'Please send the form again.',
} as const;
