import { css } from 'lit';

export const styles = css`
  /* The provider adds no box of its own: the page lays out its children as if it were absent. */
  :host {
    display: contents;
  }

  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
`;
