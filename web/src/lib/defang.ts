/** Makes an indicator safe to show and paste: no clickable scheme, no resolvable dots (`hxxps://evil[.]example`). */
export function defang(value: string): string {
  return value.replace(/^http/i, 'hxxp').replace(/^ftp/i, 'fxp').replace(/@/g, '[@]').replace(/\./g, '[.]');
}
