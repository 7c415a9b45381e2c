// Every administration page: on a narrow screen the menu scrolls sideways, so bring the
// current page's entry into view (otherwise it may sit off-screen to the right).

const here = document.querySelector('.a-nav [aria-current="page"]');
if (here) here.scrollIntoView({ block: "nearest", inline: "center" });
