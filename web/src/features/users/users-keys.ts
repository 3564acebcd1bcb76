/** Query keys of the users feature, shared by the page, its modals and live updates. */
export const usersKey = ['users'] as const;
export const tokensKey = (userId: string | undefined) => ['tokens', userId] as const;
