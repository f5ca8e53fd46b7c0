// The public surface of the front-desk feature (receptionists).
export { FrontDeskPage } from "./routes/front-desk-page";
