export default function Landing() {
  return <main className="p-8">Vimmerse Studio</main>;
}
