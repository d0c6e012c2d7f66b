/**
 * Token roles of the supervision service. The regulator is a principal of
 * its own organisation holding `supervisor`; an organisation answers the
 * regulator's FSMA 204 requests with `supervision:respondent`.
 */
export const SupervisionRole = {
  /** Every read, every request and the /supervision page. */
  supervisor: 'supervisor',
  /** Answers the requests addressed to the caller's own organisation. */
  respondent: 'supervision:respondent',
} as const;
