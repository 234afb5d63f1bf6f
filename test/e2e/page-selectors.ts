/** Selectors the E2E tests, the benchmark and the demo share (no test-runner imports: the benchmark runs under tsx). */

/** A chat name button of the current layout, by its text (the last one: the newest row). */
export const chatNameSelector = (name: string) => `#chatroom-messages [data-index] button[data-prevent-expand]:text-is("${name}") >> nth=-1`;
