export { ConsentPage } from "./routes/consent-page";
export { MyAppsPage } from "./routes/my-apps-page";
