// Stylesheets imported by components mean nothing in jsdom.
export default {};
