// The addresses of the activity feed, the bell's page and the email switches. Client-safe.
// (To move into lib/urls.ts, which is the home of every address, when that file is free.)

const seg = encodeURIComponent;

export const activityUrls = {
  activity: (team: string) => `/t/${seg(team)}/activity`,
  notifications: (team: string) => `/t/${seg(team)}/notifications`,
  emailSettings: () => "/account/notifications",
} as const;
